#!/usr/bin/env bash
# Benchmark: group fan-out speed and memory per group member, beside the one-to-one rate
# measured in the same run (ratios are what to compare across machines).
#   bench/groups.sh [BUILD_DIR]        (default: build)
# Speed: small.json (one-to-one, at 1,000 messages per user per day so that it runs about
# as long as the group runs) and bench-groups-{8,64,256}.json; device copies delivered to
# apps per wall second. Memory: each group scenario with 200,000 users for 1 simulated
# second, with its groups and with none; the difference in peak RSS over the memberships.
source "$(dirname "$0")/common.sh"

run one-to-one scenarios/small.json --set traffic.messages_per_user_per_day=1000
base_wall=$(json_number "$out/one-to-one/run.json" wall_seconds)
base_delivered=$(json_number "$out/one-to-one/report.json" delivered)
base_rate=$(awk -v d="$base_delivered" -v w="$base_wall" 'BEGIN { printf "%.0f", d / w }')

echo "| scenario | members | delivered copies | wall s | copies per wall s | vs one-to-one | RSS bytes per member |"
echo "|---|---:|---:|---:|---:|---:|---:|"
echo "| small.json, 1,000 msgs/user/day (one-to-one) | - | $base_delivered | $base_wall | $base_rate | 1.00 | - |"
memory=(--set population.users=200000 --set simulation.duration_s=1 --set simulation.warmup_s=0)
for n in 8 64 256; do
  s=scenarios/bench-groups-$n.json
  run "g$n" "$s"
  delivered=$(json_number "$out/g$n/report.json" delivered)
  wall=$(json_number "$out/g$n/run.json" wall_seconds)
  run "m$n" "$s" "${memory[@]}"
  run "z$n" "$s" "${memory[@]}" --set groups.groups_per_user=0 --set groups.message_share=0
  with=$(json_number "$out/m$n/run.json" peak_rss_bytes)
  without=$(json_number "$out/z$n/run.json" peak_rss_bytes)
  members=$(json_number "$out/m$n/report.json" memberships)
  awk -v n="$n" -v d="$delivered" -v w="$wall" -v b="$base_rate" -v a="$with" -v z="$without" -v m="$members" 'BEGIN {
    r = d / w; printf "| bench-groups-%d.json | %d | %d | %.2f | %.0f | %.2f | %.0f |\n", n, n, d, w, r, r / b, (a - z) / m }'
done
