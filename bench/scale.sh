#!/usr/bin/env bash
# Benchmark: how the simulator's cost grows with the work. Runs the baseline's slice at
# 1/8, 1/4, 1/2 and 1 cell (10M users) for the same simulated window and reports wall time,
# peak RSS and both per message, then plots them (bench-scale.png in the current directory).
# Beside each run, bare_relay moves the same number of hops over the same slice's platform
# (SimGrid alone: no protocol, no CPU work), so relay/model and a full cell's hour at the
# relay's rate are measured in the same run. Last, peak RSS is fitted against the users
# (a fixed part and a part per user) and projected to a whole cell for the same window.
#   bench/scale.sh [BUILD_DIR] [SIMULATED_SECONDS] [CELLS...]
# (defaults: build, 180 s with a 60 s warm-up, 0.125 0.25 0.5 1). The full cell took 11.2 GB
# of RAM for 120 s (README), more for longer. SCALE_SETS adds --set overrides to every run, e.g.
#   SCALE_SETS="media.message_share=0" bench/scale.sh build 120 0.015625 0.03125 0.0625 0.125
# The relay slows far faster than the model as the slice grows (README, "Slices"), so it runs
# only up to RELAY_MAX_CELLS cells (default 0.0625); larger rows say "not run".
source "$(dirname "$0")/common.sh"
seconds=${2:-180}
shift 2 || shift $# || true
cells=("$@")
[ ${#cells[@]} -gt 0 ] || cells=(0.125 0.25 0.5 1)
csv=bench-scale.csv

echo "cells,users,messages,hops,wall_s,peak_rss_bytes,wall_us_per_message,rss_bytes_per_user,relay_hops_per_s" > "$csv"
echo "| cells | users | messages sent | hops | wall s | peak RSS MB | wall µs/message | RSS bytes/user | model hops/s | relay hops/s | relay/model |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for c in "${cells[@]}"; do
  name="cells-$c"
  sets=(--set simulation.scale.simulated_cells="$c" --set simulation.duration_s="$seconds" --set simulation.warmup_s=60)
  for extra in ${SCALE_SETS:-}; do sets+=(--set "$extra"); done
  run "$name" scenarios/baseline.json "${sets[@]}"
  users=$(json_number "$out/$name/report.json" users_simulated)
  sent=$(json_number "$out/$name/report.json" sent)
  hops=$(json_number "$out/$name/report.json" hops)
  wall=$(json_number "$out/$name/run.json" wall_seconds)
  rss=$(json_number "$out/$name/run.json" peak_rss_bytes)
  relay_rate=
  if awk -v c="$c" -v max="${RELAY_MAX_CELLS:-0.0625}" 'BEGIN { exit !(c <= max) }'; then
    relay=$("$build/bare_relay" scenarios/baseline.json "${sets[@]}" --hops "$hops")
    relay_rate=$(echo "$relay" | sed -n 's/.*"hops_per_wall_second": *\([0-9.eE+-]*\).*/\1/p')
  fi
  awk -v c="$c" -v u="$users" -v m="$sent" -v h="$hops" -v w="$wall" -v rss="$rss" -v r="$relay_rate" 'BEGIN {
    printf "%s,%d,%d,%d,%.3f,%.0f,%.3f,%.1f,%s\n", c, u, m, h, w, rss, w / m * 1e6, rss / u, (r == "" ? "" : sprintf("%.0f", r)) >> "'"$csv"'"
    relay = (r == "" ? "not run | " : sprintf("%.0f | %.2f", r, r / (h / w)))
    printf "| %s | %d | %d | %d | %.1f | %.0f | %.2f | %.0f | %.0f | %s |\n", c, u, m, h, w, rss / 1e6, w / m * 1e6, rss / u, h / w, relay }'
done

# What a user costs at the margin: peak RSS against users, fitted by least squares over the
# runs (exact for two), so a fixed cost (libraries, the platform, actors' stacks) is not
# charged per user, and the fit projected to a whole cell for the same window.
awk -F, 'NR > 1 { n++; x = $2; y = $6; sx += x; sy += y; sxx += x * x; sxy += x * y; cell = $2 / $1 }
  END {
    if (n < 2 || n * sxx == sx * sx) exit
    b = (n * sxy - sx * sy) / (n * sxx - sx * sx); a = (sy - b * sx) / n
    printf "\nPeak RSS = %.0f MB + %.0f bytes per simulated user (least squares over %d runs); ", a / 1e6, b, n
    printf "a whole cell (%.0f users) for this window: %.1f GB.\n", cell, (a + b * cell) / 1e9 }' "$csv"

gnuplot <<PLOT
set terminal pngcairo size 900,420 font "DejaVu Sans,10"
set output "bench-scale.png"
set datafile separator ","
set key top left
set multiplot layout 1,2 title "whatsim: cost against work (baseline slice, ${seconds} simulated s${SCALE_SETS:+, $SCALE_SETS})" noenhanced
set xlabel "cells simulated"
# The dashed lines: the smallest run's figure, multiplied by the work (linear growth).
stats "$csv" every ::1::1 using 1:5 nooutput prefix "W"
stats "$csv" every ::1::1 using 1:(\$6 / 1e6) nooutput prefix "M"
set ylabel "wall seconds"
plot "$csv" every ::1 using 1:5 with linespoints pt 7 title "wall time", \
     W_min_y * x / W_min_x with lines dt 2 title "linear from the smallest run"
set ylabel "peak RSS (MB)"
plot "$csv" every ::1 using 1:(\$6 / 1e6) with linespoints pt 7 title "peak RSS", \
     M_min_y * x / M_min_x with lines dt 2 title "linear from the smallest run"
unset multiplot
PLOT
echo "wrote $csv and bench-scale.png"
