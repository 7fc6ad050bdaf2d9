#!/usr/bin/env bash
# Benchmark: simulator speed and memory, beside a bare SimGrid relay measured in the same run.
#   bench/run.sh [BUILD_DIR] [SCENARIO...]     (default: build, scenarios/small.json scenarios/bench-1m.json)
# For each scenario: run whatsim, read how many network hops it moved, then move the same
# number of hops with bare_relay over the same platform. Prints a Markdown table.
source "$(dirname "$0")/common.sh"
shift || true
scenarios=("$@")
[ ${#scenarios[@]} -gt 0 ] || scenarios=(scenarios/small.json scenarios/bench-1m.json)

echo "| scenario | users | hops | model wall s | model hops/s | relay hops/s | relay/model | peak RSS MB | RSS bytes/user |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
for s in "${scenarios[@]}"; do
  name=$(basename "$s" .json)
  run "$name" "$s"
  hops=$(json_number "$out/$name/report.json" hops)
  users=$(json_number "$out/$name/report.json" users_simulated)
  wall=$(json_number "$out/$name/run.json" wall_seconds)
  rss=$(json_number "$out/$name/run.json" peak_rss_bytes)
  per_user=$(json_number "$out/$name/run.json" rss_bytes_per_user)
  relay=$("$build/bare_relay" "$s" --hops "$hops")
  relay_rate=$(echo "$relay" | sed -n 's/.*"hops_per_wall_second": *\([0-9.eE+-]*\).*/\1/p')
  awk -v n="$name" -v u="$users" -v h="$hops" -v w="$wall" -v r="$relay_rate" -v rss="$rss" -v pu="$per_user" 'BEGIN {
    printf "| %s | %d | %d | %.2f | %.0f | %.0f | %.2f | %.1f | %.0f |\n", n, u, h, w, h / w, r, r / (h / w), rss / 1e6, pu }'
done
