#!/usr/bin/env bash
# Benchmark: media transfers per wall second with SimGrid's flow-level network model, and
# what one upload + download costs next to a text message, measured in the same run.
#   bench/media.sh [BUILD_DIR]        (default: build)
# bench-media.json (every message carries a file) and the same scenario with media off
# (every message text): wall seconds per message of each kind, and the simulated latency
# of a file (upload, then download) beside a text message's delivery.
source "$(dirname "$0")/common.sh"

run media scenarios/bench-media.json
run text scenarios/bench-media.json --set media.message_share=0

text_wall=$(json_number "$out/text/run.json" wall_seconds)
text_sent=$(json_number "$out/text/report.json" sent)
text_p50=$(json_number "$out/text/report.json" p50 '"delivered": {')
media_wall=$(json_number "$out/media/run.json" wall_seconds)
media_sent=$(json_number "$out/media/report.json" messages_sent)
uploads=$(json_number "$out/media/report.json" uploads)
downloads=$(json_number "$out/media/report.json" downloads_completed)
upload_p50=$(json_number "$out/media/report.json" p50 '"media_upload": {')
download_p50=$(json_number "$out/media/report.json" p50 '"media_download": {')

echo "| run | messages | transfers (uploads + downloads) | wall s | transfers per wall s | wall ms per message | vs text |"
echo "|---|---:|---:|---:|---:|---:|---:|"
awk -v n="$text_sent" -v w="$text_wall" 'BEGIN {
  printf "| bench-media.json, media off (text) | %d | - | %.2f | - | %.3f | 1.00 |\n", n, w, 1000 * w / n }'
awk -v n="$media_sent" -v t="$((uploads + downloads))" -v w="$media_wall" -v tn="$text_sent" -v tw="$text_wall" 'BEGIN {
  printf "| bench-media.json (every message a file) | %d | %d | %.2f | %.0f | %.3f | %.2f |\n", n, t, w, t / w, 1000 * w / n, (w / n) / (tw / tn) }'
echo
echo "Simulated latency, p50: text delivered (two checks) ${text_p50} ms; file upload ${upload_p50} ms + download ${download_p50} ms."
