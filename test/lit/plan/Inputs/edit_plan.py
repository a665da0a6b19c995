"""Copies a plan with one edit: edit_plan.py IN OUT 'PYTHON STATEMENT ON d'."""
import json
import sys

with open(sys.argv[1]) as f:
    d = json.load(f)
exec(sys.argv[3])
with open(sys.argv[2], "w") as f:
    json.dump(d, f, indent=2)
