# ---- whatsim station (issue 7): the simulator against the M/M/c closed form ----
# M/M/1 and M/M/4 at utilizations 0.5 and 0.9 must put the closed-form mean wait inside the
# 95% interval of their replications (exit 0); M/D/1 compared with the same M/M/1 formula
# must not (exit 1): a check that cannot fail is worthless. Each case runs once; the Catch2
# checks tagged [station-run] read the JSON they wrote (among them: the interval is narrow
# enough to mean something). check_expecting.cmake checks the exit code and matches stdout.
set(STATION_RUNS ${RUNS}/station)
set(EXPECTING ${CMAKE_CURRENT_SOURCE_DIR}/data/check/check_expecting.cmake)
# Half the command's default customers: the sanitizer build runs actors on threads, where each
# of the half-dozen SimGrid calls per customer is a thread switch, and a default-sized run takes
# over a minute there. The intervals are about 1.4 times wider than the default's, still well
# inside the 15% the checks allow at utilization 0.9.
set(STATION_TEST_SIZE --replications 20 --customers 10000 --warmup 1000)

# station_case(ID NAME EXIT STDOUT-REGEX whatsim-station-args...): writes runs/station/ID.json.
function(station_case id name code stdout)
  add_test(NAME "station: ${name} exits ${code}"
           COMMAND ${CMAKE_COMMAND} "-DCMD=$<TARGET_FILE:whatsim>;station;${ARGN};--json;${STATION_RUNS}/${id}.json"
                   -DEXPECT_EXIT=${code} "-DEXPECT_STDOUT=${stdout}" -P ${EXPECTING})
  set_tests_properties("station: ${name} exits ${code}" PROPERTIES FIXTURES_SETUP station_runs)
endfunction()
foreach(servers 1 4)
  foreach(utilization 0.5 0.9)
    station_case(mm${servers}-${utilization} "M/M/${servers} at utilization ${utilization}" 0
                 "\ninside: the M/M/${servers} closed form [0-9.]+ s lies inside the 95% interval"
                 --servers ${servers} --utilization ${utilization} ${STATION_TEST_SIZE})
  endforeach()
endforeach()
station_case(md1-0.9 "M/D/1 at utilization 0.9 against the M/M/1 formula" 1
             "\nOUTSIDE: the M/M/1 closed form [0-9.]+ s lies outside the 95% interval"
             --servers 1 --utilization 0.9 --service deterministic ${STATION_TEST_SIZE})

# One seed gives byte-identical JSON (small runs: what is compared is the bytes, not the
# statistics). Another seed must give other waits, or "deterministic" could mean "ignores
# the seed": a [station-run] check compares their replications (the files differ anyway, in
# their "seed").
set(STATION_SMALL --servers 4 --utilization 0.9 --replications 4 --customers 2000 --warmup 200)
foreach(run a b seed7)
  set(seed 1)
  if(run STREQUAL "seed7")
    set(seed 7)
  endif()
  add_test(NAME "station: small run ${run}"
           COMMAND whatsim station ${STATION_SMALL} --seed ${seed} --json ${STATION_RUNS}/small-${run}.json)
  set_tests_properties("station: small run ${run}" PROPERTIES FIXTURES_SETUP "station_runs;station_small_runs")
endforeach()
add_test(NAME "station: one seed gives byte-identical JSON"
         COMMAND ${CMAKE_COMMAND} -E compare_files ${STATION_RUNS}/small-a.json ${STATION_RUNS}/small-b.json)
set_tests_properties("station: one seed gives byte-identical JSON" PROPERTIES FIXTURES_REQUIRED station_small_runs)

catch_discover_tests(whatsim_model_checks TEST_SPEC "[station-run]" TEST_PREFIX "station: "
                     PROPERTIES FIXTURES_REQUIRED station_runs ENVIRONMENT WHATSIM_RUN_DIR=${STATION_RUNS})

# Bad flags: exit 2, a one-line error naming the flag, no JSON file.
function(bad_station name expect_regex)
  add_test(NAME "bad input: station ${name}"
           COMMAND ${CMAKE_COMMAND} "-DCMD=$<TARGET_FILE:whatsim>;station;${ARGN};--json;${STATION_RUNS}/bad-${name}.json"
                   -DEXPECT_EXIT=2 "-DEXPECT_STDERR=${expect_regex}" -DMUST_NOT_EXIST=${STATION_RUNS}/bad-${name}.json
                   -P ${CMAKE_CURRENT_SOURCE_DIR}/run_expecting.cmake)
endfunction()
bad_station(utilization-one "--utilization.*in \\(0, 1\\)" --servers 1 --utilization 1)
bad_station(utilization-zero "--utilization.*in \\(0, 1\\)" --servers 1 --utilization 0)
bad_station(utilization-nan "--utilization" --servers 1 --utilization nan)
bad_station(zero-servers "--servers.*>= 1" --servers 0 --utilization 0.5)
bad_station(no-servers "--servers" --utilization 0.5)
bad_station(one-replication "--replications.*>= 2" --servers 1 --utilization 0.5 --replications 1)
bad_station(negative-customers "--customers" --servers 1 --utilization 0.5 --customers -5)
bad_station(unknown-service "--service" --servers 1 --utilization 0.5 --service uniform)
