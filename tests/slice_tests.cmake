# Slice simulation (issue 8): cells-8.json run whole (8 cells), and as slices of 1 and of 2 of
# its cells, each slice replicated with seeds 1..8/k so that the slices' figures rest on as
# many cells as the full run's. The Catch2 checks compare each slice's per-cell utilization,
# frames waiting per core and latency percentiles with the full run's cells ([slice-stats]),
# and check what a slice builds ([slice-run]). The sanitizer build checks memory safety, not
# the statistics: a shorter window (what [slice-run] checks does not depend on it; the whole
# run took 400 s under the sanitizers), one replication of each slice, and only [slice-run].
set(SLICE_WINDOW "")
if(WHATSIM_SANITIZE)
  set(SLICE_WINDOW --set simulation.warmup_s=60 --set simulation.duration_s=180)
endif()
add_test(NAME "slice: run cells-8.json whole (8 cells)"
         COMMAND whatsim run ${SCENARIOS}/cells-8.json ${SLICE_WINDOW} --out ${RUNS}/cells-full)
# The full run sets up the slices' fixtures (catch_discover_tests takes one fixture name).
set_tests_properties("slice: run cells-8.json whole (8 cells)" PROPERTIES FIXTURES_SETUP
                     "cells_slice_1;cells_slice_2;cells_slice_quarter")
set(SLICE_CHECKS "[slice-run],[slice-stats]")
if(WHATSIM_SANITIZE)
  set(SLICE_CHECKS "[slice-run]")
endif()
# cells-8.json as a slice of CELLS cells ("a slice of LABEL" in the tests' names) with seeds
# 1..REPLICATIONS (1 in the sanitizer build), into runs/DIR/seed-N; each run sets up FIXTURE.
function(slice_runs cells label dir replications fixture)
  if(WHATSIM_SANITIZE)
    set(replications 1)
  endif()
  foreach(seed RANGE 1 ${replications})
    set(name "slice: run cells-8.json as a slice of ${label} with seed ${seed}")
    add_test(NAME "${name}"
             COMMAND whatsim run ${SCENARIOS}/cells-8.json --seed ${seed} --set simulation.scale.simulated_cells=${cells}
                     ${SLICE_WINDOW} --out ${RUNS}/${dir}/seed-${seed})
    set_tests_properties("${name}" PROPERTIES FIXTURES_SETUP ${fixture})
  endforeach()
endfunction()
foreach(cells 1 2)
  math(EXPR replications "8 / ${cells}")
  slice_runs(${cells} "${cells} cells" cells-slice-${cells} ${replications} cells_slice_${cells})
  # EXTRA_ARGS names the run: Catch's discovery files are named by a hash of the spec and the
  # extra arguments only.
  catch_discover_tests(whatsim_model_checks TEST_SPEC "${SLICE_CHECKS}" TEST_PREFIX "slice of ${cells} cells: "
                       EXTRA_ARGS --name slice-${cells}
                       PROPERTIES FIXTURES_REQUIRED cells_slice_${cells}
                                  ENVIRONMENT WHATSIM_RUN_DIR=${RUNS}/cells-slice-${cells})
endforeach()

# A quarter of one cell: its chat, manager and message-service servers each stand for less
# than one core of a modeled server (half a chat server's core, a quarter of a manager's and
# of a message-service server's). The checks ([slice-subcore]) compare their CPU time per
# frame and utilization with the full run's (statistics: not in the sanitizer build). Like
# the slices above it is replicated 8/k = 32 times (each run takes under a second): one run's
# single manager is one draw (0.03265 once, against a full-run interval from 0.03266).
slice_runs(0.25 "a quarter of a cell" cells-slice-quarter 32 cells_slice_quarter)
if(NOT WHATSIM_SANITIZE)
  catch_discover_tests(whatsim_model_checks TEST_SPEC "[slice-subcore]" TEST_PREFIX "slice of a quarter of a cell: "
                       PROPERTIES FIXTURES_REQUIRED cells_slice_quarter ENVIRONMENT WHATSIM_RUN_DIR=${RUNS}/cells-slice-quarter)
endif()
