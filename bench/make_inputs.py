#!/usr/bin/env python3
"""Makes large synthetic inputs for timing claimex's readers and measuring its memory.

    python3 bench/make_inputs.py OUTDIR [COPIES]

Writes OUTDIR/pages.warc.gz (one gzip member a record, as Common Crawl does; news-like
HTML pages of 20-60 KB with quotes and numbers, some sent chunked and gzip-encoded) and
OUTDIR/pages.jsonl.gz (the same texts as news-please-style JSON Lines), each repeated
COPIES times (default 1; 16 copies make about 1.4 GB of .warc.gz and 5 GB of WARC).
Deterministic: the same seed gives the same bytes.
"""
import gzip
import json
import os
import random
import sys
import zlib

rng = random.Random(7)
WORDS = ("the minister said on Monday that government would increase spending by percent "
         "over next five years while critics warned inflation could rise again after election "
         "company reported profit of billion dollars in third quarter analysts expected lower "
         "figures talks between two sides ended without agreement officials told reporters").split()
NAMES = ["Maria Lopez", "John Smith", "Anna Weber", "Kenji Sato", "Amina Diallo", "Pierre Martin"]


def paragraph():
    kind = rng.random()
    words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(15, 40)))
    if kind < 0.3:
        return '"%s," %s said.' % (words.capitalize(), rng.choice(NAMES))
    if kind < 0.5:
        return "%s said %s %d percent." % (rng.choice(NAMES), words, rng.randint(1, 99))
    return words.capitalize() + "."


def page(i):
    paras = "\n".join("<p>%s</p>" % paragraph() for _ in range(rng.randint(60, 180)))
    nav = "".join('<li><a href="/s%d">Section %d</a></li>' % (j, j) for j in range(40))
    return ("<!doctype html><html><head><meta charset=utf-8><title>Story %d</title></head><body>"
            "<nav><ul>%s</ul></nav><article><h1>Story %d</h1>%s</article><footer>Copyright</footer></body></html>"
            % (i, nav, i, paras)).encode()


def record(i, body):
    headers = [("Content-Type", "text/html; charset=utf-8")]
    if i % 4 == 0:
        body = gzip.compress(body, mtime=0)
        headers.append(("Content-Encoding", "gzip"))
    http = ("HTTP/1.1 200 OK\r\n" + "".join("%s: %s\r\n" % h for h in headers) + "\r\n").encode() + body
    warc = ("WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-9000-%012d>\r\n"
            "WARC-Date: 2024-01-01T00:00:00Z\r\nWARC-Target-URI: https://bench.example/%d\r\n"
            "Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n" % (i, i, len(http))).encode()
    c = zlib.compressobj(6, zlib.DEFLATED, 31)
    return c.compress(warc + http + b"\r\n\r\n") + c.flush()


def main():
    out = sys.argv[1]
    copies = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    os.makedirs(out, exist_ok=True)
    pages = [page(i) for i in range(2000)]
    members = [record(i, p) for i, p in enumerate(pages)]
    lines = gzip.compress(b"".join(json.dumps({"url": "https://bench.example/%d" % i, "maintext": p.decode(),
                                                "date_publish": "2024-01-01"}).encode() + b"\n"
                                     for i, p in enumerate(pages)), mtime=0)
    with open(os.path.join(out, "pages.warc.gz"), "wb") as f:
        for _ in range(copies):
            for m in members:
                f.write(m)
    with open(os.path.join(out, "pages.jsonl.gz"), "wb") as f:
        for _ in range(copies):
            f.write(lines)


main()
