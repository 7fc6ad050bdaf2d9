#!/usr/bin/env bash
# Benchmark: how the simulator's memory grows with simulated time. Runs the baseline's slice
# (1/128 of a cell, without media, so the run is quick) for longer and longer windows, with
# the consistency checker's settled horizon at its default and at 0 (keep everything), and
# reports peak RSS and RSS per simulated user; writes bench-memory.csv and a plot,
# bench-memory.png, at the top of the checkout. Memory that follows the users stays flat
# with time; memory that follows the messages climbs.
#   bench/memory.sh [BUILD_DIR] [CELLS] [SECONDS...]
# (defaults: build, 0.0078125, 600 1800 3600: about 15 minutes on two cores.)
source "$(dirname "$0")/common.sh"
cells=${2:-0.0078125}
shift 2 || shift $# || true
durations=("$@")
[ ${#durations[@]} -gt 0 ] || durations=(600 1800 3600)
csv=bench-memory.csv

echo "simulated_s,checker_horizon_s,users,messages,wall_s,peak_rss_bytes,rss_bytes_per_user" > "$csv"
echo "| simulated s | checker horizon s | users | messages sent | wall s | peak RSS MB | RSS bytes/user |"
echo "|---:|---:|---:|---:|---:|---:|---:|"
for seconds in "${durations[@]}"; do
  for horizon in default 0; do
    name="memory-$seconds-$horizon"
    sets=(--set simulation.scale.simulated_cells="$cells" --set simulation.duration_s="$seconds"
          --set simulation.warmup_s=60 --set media.message_share=0)
    [ "$horizon" = default ] || sets+=(--set simulation.checker_horizon_s="$horizon")
    run "$name" scenarios/baseline.json "${sets[@]}"
    users=$(json_number "$out/$name/report.json" users_simulated)
    sent=$(json_number "$out/$name/report.json" sent)
    wall=$(json_number "$out/$name/run.json" wall_seconds)
    rss=$(json_number "$out/$name/run.json" peak_rss_bytes)
    awk -v s="$seconds" -v h="$horizon" -v u="$users" -v m="$sent" -v w="$wall" -v rss="$rss" 'BEGIN {
      printf "%d,%s,%d,%d,%.3f,%.0f,%.1f\n", s, h, u, m, w, rss, rss / u >> "'"$csv"'"
      printf "| %d | %s | %d | %d | %.1f | %.0f | %.0f |\n", s, h, u, m, w, rss / 1e6, rss / u }'
  done
done

gnuplot <<PLOT
set terminal pngcairo size 640,420 font "DejaVu Sans,10"
set output "bench-memory.png"
set datafile separator ","
set key top left
set title "whatsim: memory against simulated time (baseline, ${cells} cell, no media)"
set xlabel "simulated seconds"
set ylabel "peak RSS bytes per simulated user"
plot "< grep ',default,' $csv" using 1:7 with linespoints pt 7 title "checker's default horizon", \
     "< grep ',0,' $csv" using 1:7 with linespoints pt 5 title "checker keeps everything"
PLOT
echo "wrote $csv and bench-memory.png"
