#!/usr/bin/env python3
"""Validates JSON Lines files (or stdin) against schema/claimex.schema.json.

    python3 schema/validate.py FILE.jsonl ...   (needs jsonschema from PyPI)

Prints one line a bad record (file:line, the JSON path, the message) and exits 1 when any
record is invalid or a file has no records; prints `N records valid` otherwise.
"""
import json
import os
import sys

from jsonschema import Draft202012Validator

schema = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "claimex.schema.json")))
Draft202012Validator.check_schema(schema)
validator = Draft202012Validator(schema)
# The whole schema's oneOf says only "not valid under any"; the def named by the record's
# type gives the precise reason.
base = {k: v for k, v in schema.items() if k != "oneOf"}
by_type = {name: Draft202012Validator(dict(base, **{"$ref": "#/$defs/" + name}))
           for name in schema["$defs"] if name not in ("span", "provenance")}
bad = 0
total = 0
for path in sys.argv[1:] or ["-"]:
    f = sys.stdin if path == "-" else open(path, encoding="utf-8")
    count = 0
    for n, line in enumerate(f, 1):
        if not line.strip():
            continue
        count += 1
        record = json.loads(line)
        errors = sorted(validator.iter_errors(record), key=lambda e: list(e.path))
        if errors:
            bad += 1
            kind = record.get("type", "classification") if isinstance(record, dict) else None
            if kind in by_type:
                errors = list(by_type[kind].iter_errors(record)) or errors
            for e in errors[:3]:
                print("%s:%d: %s: %s" % (path, n, "/".join(map(str, e.absolute_path)) or "(record)", e.message[:300]))
    if count == 0:
        print("%s: no records" % path)
        bad += 1
    total += count
print("%d records, %d invalid" % (total, bad))
sys.exit(1 if bad else 0)
