#!/usr/bin/env bash
# What security costs: crypto-tradeoff.json with encryption off, and on with every phone
# low-end or every phone high-end, in one invocation. For text (two checks) and media
# (upload, download) it prints the median latency and the mean phone-crypto part of it;
# then the cost model's figures per profile for a text message and a 16 MB video.
#   bench/crypto-tradeoff.sh [BUILD_DIR]        (default: build)
source "$(dirname "$0")/common.sh"

s=scenarios/crypto-tradeoff.json
run off "$s" --set crypto.end_to_end=false --set crypto.transport.enabled=false
run low "$s" --set 'phone.profiles[0].share=1' --set 'phone.profiles[1].share=0'
run high "$s" --set 'phone.profiles[0].share=0' --set 'phone.profiles[1].share=1'

# figure RUN CLASS KEY: KEY of latency class CLASS (p50 from latency_ms, a part from latency_breakdown).
p50() { json_number "$out/$1/report.json" p50 "\"$2\": {"; }
crypto_ms() {
  sed -n '/"latency_breakdown"/,$p' "$out/$1/report.json" | sed -n "/\"$2\": {/,\$s/.*\"device_crypto_ms\": *\([0-9.eE+-]*\).*/\1/p" | head -n 1
}

echo "| run | text delivered p50 ms | its phone crypto ms (mean) | media upload p50 ms | its phone crypto ms | media download p50 ms | its phone crypto ms |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for r in off low high; do
  case $r in off) label="encryption off" ;; low) label="on, every phone low-end" ;; high) label="on, every phone high-end" ;; esac
  echo "| $label | $(p50 $r delivered) | $(crypto_ms $r delivered) | $(p50 $r media_upload) | $(crypto_ms $r media_upload) | $(p50 $r media_download) | $(crypto_ms $r media_download) |"
done
echo
echo "Cost model, per phone (encrypt + decrypt): text message / 16 MB video / X3DH set-up, ms:"
for r in low high; do
  name=$([ $r = low ] && echo low_end || echo high_end)
  echo "- $name: $(json_number "$out/$r/report.json" text_message_crypto_ms "\"name\": \"$name\"") / $(json_number "$out/$r/report.json" video_16mb_crypto_ms "\"name\": \"$name\"") / $(json_number "$out/$r/report.json" x3dh_ms "\"name\": \"$name\"")"
done
