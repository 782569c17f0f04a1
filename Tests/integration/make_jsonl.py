#!/usr/bin/env python3
"""Writes a small news-please-style JSON Lines file for the integration tests: 400 short
articles (plain text and HTML, common field names, ids), and one line that is not JSON.

    python3 make_jsonl.py OUT.jsonl
"""
import json
import random
import sys

rng = random.Random(11)
NAMES = ["Maria Lopez", "John Smith", "Anna Weber", "Kenji Sato", "Amina Diallo"]
with open(sys.argv[1], "w", encoding="utf-8") as out:
    for i in range(400):
        if i == 137:
            out.write("{this line is not json\n")
            continue
        name = rng.choice(NAMES)
        text = ('"Article %d is about the port, and we will win," %s said on Monday.\n'
                "The city has %d residents, up %d percent from last year.\n"
                "%s told reporters that talks would resume in %d days." % (i, name, 1000 + 37 * i, i % 40, name, i % 9 + 2))
        if i % 3 == 0:
            text = "<html><body><article>" + "".join("<p>%s</p>" % p for p in text.split("\n")) + "</article></body></html>"
        record = {"id": "a%03d" % i, "url": "https://news.example/%d" % i, "maintext": text, "date_publish": "2024-01-%02d" % (i % 28 + 1)}
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
