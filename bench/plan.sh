#!/usr/bin/env bash
# Benchmark: `whatsim plan` on the full 2B-user baseline (target: well under a second, aim
# 100 ms), its memory, and how much of its time is the model rather than loading the scenario.
#   bench/plan.sh [BUILD_DIR] [RUNS]     (default: build, 20 runs; the median is reported)
source "$(dirname "$0")/common.sh"
runs=${2:-20}
walls=() models=() rss=0
for i in $(seq "$runs"); do
  start=$(date +%s%N)
  "$build/whatsim" plan scenarios/baseline.json --no-plots --out "$out/plan" > /dev/null
  walls+=($(( ($(date +%s%N) - start) / 1000 )))
  models+=($(json_number "$out/plan/run.json" model_seconds))
  rss=$(json_number "$out/plan/run.json" peak_rss_bytes)
done
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
wall_us=$(median "${walls[@]}")
model_s=$(median "${models[@]}")
echo "| command | runs | median wall ms (process) | median model ms | model share | peak RSS MB |"
echo "|---|---:|---:|---:|---:|---:|"
awk -v n="$runs" -v w="$wall_us" -v m="$model_s" -v r="$rss" 'BEGIN {
  printf "| whatsim plan baseline.json --no-plots | %d | %.1f | %.1f | %.2f | %.1f |\n", n, w / 1000, m * 1000, m * 1e6 / w, r / 1e6 }'
