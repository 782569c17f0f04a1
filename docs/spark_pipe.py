#!/usr/bin/env python3
"""claimex under Apache Spark: rdd.pipe streams each partition's JSON Lines through one
claimex process (no shell), checkCode=True fails the task when claimex exits non-zero.

    python docs/spark_pipe.py .build/release/claimex      (or: make spark-demo)

Needs pyspark (PyPI) and Java 17; runs Spark in local mode on two cores, then checks that
the records equal those of one claimex process over the same file (input/line aside: a
mapper sees its partition, not the file).
"""
import json
import os
import shlex
import subprocess
import sys
import tempfile

from pyspark.sql import SparkSession

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
binary = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, ".build/release/claimex"))
env = {"CLAIMEX_RULES": os.path.join(root, "rules")}
tmp = tempfile.mkdtemp(prefix="claimex-spark-")
data = os.path.join(tmp, "in.jsonl")
subprocess.run([sys.executable, os.path.join(root, "Tests/integration/make_jsonl.py"), data], check=True)

command = [binary, "extract", "--format", "jsonl", "--error-records", "--tolerate-failures", "--progress", "never", "-"]
single = subprocess.run(command[:-1] + [data], env=dict(os.environ, **env), capture_output=True, check=True).stdout.decode().splitlines()

spark = SparkSession.builder.master("local[2]").appName("claimex-pipe").config("spark.ui.enabled", "false").getOrCreate()
spark.sparkContext.setLogLevel("ERROR")
lines = spark.sparkContext.textFile(data, minPartitions=4)
# pipe() takes one string and splits it with shlex: no shell is involved.
records = lines.pipe(shlex.join(command), env=env, checkCode=True).collect()
partitions = lines.getNumPartitions()
spark.stop()


def strip(rows):
    out = []
    for row in rows:
        r = json.loads(row)
        r.pop("input", None)
        r.pop("line", None)
        out.append(r)
    return out


same = strip(records) == strip(single)
errors = sum(1 for r in records if json.loads(r)["type"] == "error")
print("spark-demo: %d records from %d partitions (%d error record), %s the single-process run"
      % (len(records), partitions, errors, "equal to" if same else "DIFFERENT FROM"))
sys.exit(0 if same and records else 1)
