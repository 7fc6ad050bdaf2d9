#!/usr/bin/env bash
# Builds whatsim and runs the whole test suite through ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${WHATSIM_BUILD_DIR:-build}
# shellcheck disable=SC2086
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release ${WHATSIM_CMAKE_ARGS:-}
cmake --build "$build" -j"$(nproc)"
ctest --test-dir "$build" --output-on-failure -j"$(nproc)"
