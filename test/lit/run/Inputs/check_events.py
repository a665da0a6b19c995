"""Reads magicc run --json output: every line one JSON object; prints a
summary line per event kind and the end event, for FileCheck."""
import json
import sys

counts = {}
for number, line in enumerate(sys.stdin, 1):
    try:
        event = json.loads(line)
    except ValueError:
        sys.exit(f"line {number} is not JSON: {line!r}")
    kind = event["event"]
    counts[kind] = counts.get(kind, 0) + 1
    if kind in ("run", "end"):
        print(kind, json.dumps({k: v for k, v in event.items() if k not in ("time", "seconds", "run_id")}, sort_keys=True))
    if kind == "finish" and event["state"] == "FAILED":
        print("failed", event["host"], event["node"], event["reason"], event.get("stderr", ""))
    if kind == "stage":
        print("stage", event["stage"], event["hosts"], event["ok"], event["failed"], json.dumps(event.get("summary")))
print("counts", json.dumps(counts, sort_keys=True))
