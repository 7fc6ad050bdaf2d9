# Shared by the benchmark scripts (sourced, not run): a scratch directory for the runs,
# and how to read a figure from our own JSON files.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# json_number FILE KEY [SECTION]: the first number after "KEY": in one of our JSON files
# (one key per line), after the first line matching SECTION when it is given.
json_number() { sed -n "${3:+/$3/,\$}s/.*\"$2\": *\([0-9.eE+-]*\).*/\1/p" "$1" | head -n 1; }

# run NAME SCENARIO [--set ...]: whatsim into $out/NAME, quietly.
run() {
  local name=$1 scenario=$2
  shift 2
  "$build/whatsim" run "$scenario" --out "$out/$name" "$@" > /dev/null
}
