"""A TCP tarpit: accepts connections and never answers.

Usage: tarpit.py DIR. Writes DIR/tarpit.pid and DIR/tarpit.port, and one
line to DIR/tarpit.accepts per connection accepted, so a test can wait
until a client is really connecting. Exits by itself after 60 seconds.
"""
import os
import signal
import socket
import sys

directory = sys.argv[1]
signal.alarm(60)
listener = socket.socket()
listener.bind(("127.0.0.1", 0))
listener.listen()
with open(os.path.join(directory, "tarpit.pid"), "w") as f:
    f.write(str(os.getpid()))
with open(os.path.join(directory, "tarpit.port"), "w") as f:
    f.write(str(listener.getsockname()[1]))
held = []
while True:
    connection, _ = listener.accept()
    held.append(connection)
    with open(os.path.join(directory, "tarpit.accepts"), "a") as f:
        f.write("accepted\n")
