# Writes a stdio (Content-Length framed) message stream for cancel_stdio.test:
# a slow request (formatting a 7,500-line document), then a cancel for it.
import json
import sys

text = 'item base { run: "true" }\n' + "".join(
    f'# step {i}\nitem step{i} {{\n  depends: {f"step{i - 1}" if i else "base"}\n'
    f'  run: "echo {i}"\n}}\n' for i in range(1500))
uri = "file:///lsp-test/big.mm"
messages = [
    {"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {"capabilities": {}}},
    {"jsonrpc": "2.0", "method": "initialized", "params": {}},
    {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "magic", "version": 1, "text": text}}},
    {"jsonrpc": "2.0", "id": 1, "method": "textDocument/formatting", "params": {
        "textDocument": {"uri": uri}, "options": {"tabSize": 2, "insertSpaces": True}}},
    {"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": 1}},
    {"jsonrpc": "2.0", "id": 2, "method": "textDocument/documentSymbol", "params": {
        "textDocument": {"uri": uri}}},
    {"jsonrpc": "2.0", "id": 3, "method": "shutdown"},
    {"jsonrpc": "2.0", "method": "exit"},
]
for message in messages:
    body = json.dumps(message, separators=(",", ":")).encode()
    sys.stdout.buffer.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
