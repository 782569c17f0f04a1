#!/usr/bin/env python3
"""Prints JSON Lines without the `input` and `line` keys (which name the chunk a mapper
read, not the original file), keys and order otherwise untouched."""
import json
import sys

for line in sys.stdin:
    record = json.loads(line)
    record.pop("input", None)
    record.pop("line", None)
    sys.stdout.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
