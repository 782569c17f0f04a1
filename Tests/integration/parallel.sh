#!/usr/bin/env bash
# make parallel-test: claimex as a streaming mapper under GNU parallel --pipepart gives
# the records of the single-process run, in the same order, with the same failures.
set -euo pipefail
BIN=${1:?usage: parallel.sh CLAIMEX_BINARY}
HERE=$(cd "$(dirname "$0")" && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
python3 "$HERE/make_jsonl.py" "$T/in.jsonl"

set +e
"$BIN" extract --format jsonl --error-records --progress never "$T/in.jsonl" > "$T/single.jsonl" 2> "$T/single.err"
single=$?
parallel --pipepart -a "$T/in.jsonl" --block -8 -k -j2 \
  "$BIN" extract --format jsonl --error-records --progress never - > "$T/parallel.jsonl" 2> "$T/parallel.err"
par=$?
set -e

fail() { echo "parallel-test: FAILED: $*"; exit 1; }
[ "$single" = 1 ] || fail "the single run should exit 1 (one bad line), got $single"
[ "$par" -ge 1 ] || fail "parallel should report the failed chunk (exit $par)"
[ -s "$T/single.jsonl" ] || fail "no records"
python3 "$HERE/strip_provenance.py" < "$T/single.jsonl" > "$T/single.stripped"
python3 "$HERE/strip_provenance.py" < "$T/parallel.jsonl" > "$T/parallel.stripped"
cmp -s "$T/single.stripped" "$T/parallel.stripped" || { diff "$T/single.stripped" "$T/parallel.stripped" | head -5; fail "outputs differ"; }
chunks=$(grep -c " read, " "$T/parallel.err")
records=$(wc -l < "$T/single.jsonl")
echo "parallel-test: $records records in $chunks chunks equal the single-process run (input/line aside); $(tail -1 "$T/single.err")"
