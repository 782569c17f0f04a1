"""Throughput of claimex's peers on the inputs claimex-bench uses (see bench/RESULTS.md)."""
import argparse, glob, json, os, time

ap = argparse.ArgumentParser()
ap.add_argument("--data", required=True)
ap.add_argument("--texts", required=True)
ap.add_argument("--seconds", type=float, default=1.0)
a = ap.parse_args()

def best(fn, seconds):
    times, start = [], time.perf_counter()
    while len(times) < 1 or (time.perf_counter() - start < seconds and len(times) < 5):
        t = time.perf_counter(); fn(); times.append(time.perf_counter() - t)
    return min(times)

pages = [open(p, "rb").read() for p in sorted(glob.glob(os.path.join(a.data, "html-aeb-dev", "html", "*.html")))]
html_mb = sum(len(p) for p in pages) / 1e6
texts = [json.loads(l)["text"] for l in open(a.texts, encoding="utf-8")] if os.path.exists(a.texts) else []
text_mb = sum(len(t.encode()) for t in texts) / 1e6
results = {}

import trafilatura
if pages:
    s = best(lambda: [trafilatura.extract(p.decode("utf-8", "replace")) for p in pages], a.seconds)
    results["trafilatura 2.3.1 extract (HTML)"] = (html_mb / s, len(pages) / s, "%d pages, %.2f MB" % (len(pages), html_mb))

import pysbd
if texts:
    seg = pysbd.Segmenter(language="en", clean=False)
    sample = texts[:100]
    mb = sum(len(t.encode()) for t in sample) / 1e6
    s = best(lambda: [seg.segment(t) for t in sample], a.seconds)
    results["pySBD 0.3.4 (sentences)"] = (mb / s, len(sample) / s, "first 100 PolNeAR articles, %.2f MB" % mb)

import blingfire
if texts:
    s = best(lambda: [blingfire.text_to_sentences(t) for t in texts], a.seconds)
    results["blingfire 0.1.8 (sentences)"] = (text_mb / s, len(texts) / s, "%d PolNeAR articles, %.2f MB" % (len(texts), text_mb))

for name, (mbps, per, what) in results.items():
    print("%-34s %9.2f MB/s %10.1f articles/s   %s" % (name, mbps, per, what))
print(json.dumps({k: {"MB_per_s": round(v[0], 3), "articles_per_s": round(v[1], 1)} for k, v in results.items()}))
