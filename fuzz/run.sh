#!/bin/sh
# Runs one libFuzzer harness for a bounded time on its corpus (seeded from golden/ and
# fuzz/seeds/), then prints one summary line: harness, executions, seconds, crashes.
# Usage: fuzz/run.sh HARNESS SECONDS   (from the package root; `make fuzz` calls it)
set -eu
name=$1
seconds=$2
root=$(pwd)
build=${FUZZ_BUILD:-.build/fuzz}
bin=$root/$build/release/fuzzers/fuzz-$name
work=$root/$build/work/$name
corpus=$work/corpus
maxlen=${FUZZ_MAX_LEN:-16384}
mkdir -p "$corpus" "$work/artifacts"

# Seeds: the golden articles each harness understands, plus the hand-made seeds.
case $name in
  html)           cp golden/*/*.html "$corpus"/ 2>/dev/null || true ;;
  text|sentences) cp golden/*/*.txt "$corpus"/ 2>/dev/null || true ;;
  attribution) cp golden/*/*.txt golden/*/*.html "$corpus"/ 2>/dev/null || true ;;
esac
if [ -d "fuzz/seeds/$name" ]; then cp fuzz/seeds/"$name"/* "$corpus"/; fi
# And the committed hostile inputs (Tests/Fixtures/hostile) of the matching kind.
hostile=Tests/Fixtures/hostile
case $name in
  html)        cp $hostile/*.html "$corpus"/ 2>/dev/null || true ;;
  text|sentences) cp $hostile/*.txt "$corpus"/ 2>/dev/null || true ;;
  attribution) cp $hostile/*.txt $hostile/*.html "$corpus"/ 2>/dev/null || true ;;
  jsonl)       cp $hostile/*.jsonl "$corpus"/ 2>/dev/null || true ;;
  warc)        cp $hostile/*.gz $hostile/*.warc "$corpus"/ 2>/dev/null || true ;;
esac

cd "$work"
rm -f fuzz-*.log
# -jobs=1 -workers=1: one fuzzing process (the machine is shared); -timeout: an input that
# takes longer than 10 s is reported as a hang; -rss_limit_mb: a blow-up is reported too.
status=0
CLAIMEX_RULES=$root/rules nice -n 19 "$bin" -jobs=1 -workers=1 -max_total_time="$seconds" \
  -max_len="$maxlen" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
  -artifact_prefix="$work/artifacts/" "$corpus" >/dev/null 2>&1 || status=$?
log=$(ls fuzz-*.log 2>/dev/null | head -1)
runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" 2>/dev/null | tail -1 | grep -o '[0-9]*$' || echo 0)
crashes=$(ls "$work/artifacts" | grep -c -E '^(crash|leak|timeout|oom)-' || true)
printf '%-12s %12s executions in %ss, %s crash/hang/oom artifact(s) (%s)\n' "$name" "${runs:-0}" "$seconds" "$crashes" "$work/artifacts"
if [ "$crashes" -gt 0 ]; then tail -40 "$log"; exit 1; fi
if [ "${runs:-0}" -eq 0 ]; then echo "fuzz/run.sh: $name did not run (exit $status):"; tail -20 "$log" 2>/dev/null; exit 1; fi
exit 0
