#!/usr/bin/env python3
"""Writes the WARC test fixtures of claimex with warcio (pip install warcio).

Run from this directory: python3 make_fixtures.py. The output is deterministic (fixed
record ids and dates), so re-running it changes nothing unless this script changed.
"""
import gzip
import io
import zlib

import json

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ARTICLE = """<!doctype html><html><head><meta charset="utf-8"><title>Port strike ends</title></head>
<body><article><h1>Port strike ends after three weeks</h1>
<p>ROTTERDAM (Reuters) - Dock workers voted on Monday to end a three-week strike that had halted most container traffic.</p>
<p>"We have won a fair deal for every worker in this port," union leader Maria Jansen said after the vote.</p>
<p>The port authority said about 2,000 ships had been delayed during the strike.</p>
</article></body></html>
"""

# windows-1252 bytes, and a <meta> that lies (says utf-8): the HTTP header must win.
LATIN = """<html><head><meta charset="utf-8"><title>Caf\u00e9 prices</title></head><body><article>
<p>PARIS - Caf\u00e9 owners in Paris raised prices by 12 percent this year, a survey showed on Tuesday.</p>
<p>"Les clients comprennent \u2013 mostly," said Andr\u00e9 Dupont, who runs a caf\u00e9 near the Op\u00e9ra.</p>
</article></body></html>
""".encode("windows-1252")

PLAIN = b"""Inflation slowed to 2.4 percent in March, the statistics office said on Wednesday.
"The worst is behind us," Finance Minister Karl Weber told reporters in Berlin.
"""

COUNTER = [0]


def ids():
    COUNTER[0] += 1
    n = COUNTER[0]
    return {
        "WARC-Record-ID": "<urn:uuid:00000000-0000-4000-8000-%012d>" % n,
        "WARC-Date": "2024-03-0%dT12:00:00Z" % (1 + n % 9),
    }


def chunked(body, size=64):
    out = b""
    for i in range(0, len(body), size):
        part = body[i:i + size]
        out += b"%x\r\n" % len(part) + part + b"\r\n"
    return out + b"0\r\n\r\n"


def response(writer, uri, body, headers, status="200 OK"):
    http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
    rec = writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=http,
                                    warc_headers_dict=ids())
    writer.write_record(rec)


def write(path, gz):
    COUNTER[0] = 0
    with open(path, "wb") as out:
        w = WARCWriter(out, gzip=gz, warc_version="1.1")
        info = dict(ids(), **{"WARC-Filename": "news.warc"})
        w.write_record(w.create_warc_record("", "warcinfo", payload=io.BytesIO(b"software: warcio fixtures for claimex\r\n"),
                                            warc_content_type="application/warc-fields", warc_headers_dict=info))
        req = StatusAndHeaders("GET /port HTTP/1.1", [("Host", "news.example")], is_http_request=True)
        w.write_record(w.create_warc_record("https://news.example/port", "request", payload=io.BytesIO(b""),
                                            http_headers=req, warc_headers_dict=ids()))
        # 1: plain UTF-8 HTML, gzip content coding, chunked transfer coding.
        body = gzip.compress(ARTICLE.encode(), mtime=0)
        response(w, "https://news.example/port", chunked(body),
                 [("Content-Type", "text/html; charset=UTF-8"), ("Content-Encoding", "gzip"),
                  ("Transfer-Encoding", "chunked")])
        # 2: windows-1252 declared by HTTP only.
        response(w, "https://news.example/cafe", LATIN, [("Content-Type", "text/html; charset=windows-1252")])
        # 3: a redirect and an image: not articles.
        response(w, "https://news.example/old", b"", [("Location", "https://news.example/port")], status="301 Moved Permanently")
        response(w, "https://news.example/logo.png", b"\x89PNG\r\n\x1a\n", [("Content-Type", "image/png")])
        # 4: a resource record (no HTTP headers) with plain text.
        w.write_record(w.create_warc_record("https://news.example/inflation.txt", "resource", payload=io.BytesIO(PLAIN),
                                            warc_content_type="text/plain; charset=utf-8", warc_headers_dict=ids()))
        # 5: deflate (zlib) content coding, no charset.
        response(w, "https://news.example/deflate", zlib.compress(ARTICLE.encode()),
                 [("Content-Type", "text/html"), ("Content-Encoding", "deflate")])
        # 6: an unknown charset: one error record, the run goes on.
        response(w, "https://news.example/bad-charset", b"<p>x</p>", [("Content-Type", "text/html; charset=x-no-such-charset")])
        # 7: a metadata record: skipped.
        w.write_record(w.create_warc_record("https://news.example/port", "metadata", payload=io.BytesIO(b"fetchTimeMs: 12\r\n"),
                                            warc_content_type="application/warc-fields", warc_headers_dict=ids()))


write("news.warc.gz", True)
write("news.warc", False)
# A download cut short: the last member stops half-way.
data = open("news.warc.gz", "rb").read()
open("truncated.warc.gz", "wb").write(data[:len(data) - 40])


def index(path):
    """What warcio itself reads: type, record id and offset of every record (the test oracle)."""
    rows = []
    with open(path, "rb") as f:
        it = ArchiveIterator(f)
        for rec in it:
            rows.append({"type": rec.rec_type, "id": rec.rec_headers.get_header("WARC-Record-ID").strip("<>"),
                         "offset": it.get_record_offset(), "uri": rec.rec_headers.get_header("WARC-Target-URI")})
    return rows


with open("news.index.json", "w") as out:
    json.dump({"news.warc.gz": index("news.warc.gz"), "news.warc": index("news.warc")}, out, indent=1)
    out.write("\n")
