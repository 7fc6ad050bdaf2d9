#!/usr/bin/env bash
# Installs whatsim's build and run dependencies from Debian 12 packages.
# Idempotent: when every package is already installed it only checks and returns.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libsimgrid-dev                     # SimGrid 3.32: the discrete-event engine
  libboost-dev libboost-graph-dev    # Boost 1.74: Graph, Histogram, Accumulators, Math, Random
  libboost-random-dev
  libeigen3-dev                      # analytic queueing model
  nlohmann-json3-dev                 # scenarios and reports
  catch2                             # tests (Catch2 v2)
  libcli11-dev                       # command line
  libsparsehash-dev                  # sparse_hash_map: compact per-user and per-message state
  libssl-dev                         # OpenSSL 3 libcrypto: whatsim calibrate
  gnuplot-nox                        # plots in reports
  parallel                           # GNU parallel: whatsim sweep runs its jobs with it
  libcmark-gfm-dev libcmark-gfm-extensions-dev  # report.html: Markdown with GitHub tables
  chromium fonts-dejavu-core         # the browser test renders report.html headless
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
echo "install-deps: installing ${missing[*]}"
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
