# Model tests: each runs the whatsim binary (one SimGrid engine per process).
set(RUNS ${CMAKE_CURRENT_BINARY_DIR}/runs)
set(SCENARIOS ${CMAKE_SOURCE_DIR}/scenarios)
set(BAD ${CMAKE_CURRENT_SOURCE_DIR}/data/scenarios)

# small.json twice with one seed: the lifecycle checks read run A, determinism compares A and B.
foreach(run a b)
  add_test(NAME "model: run small.json (${run})"
           COMMAND whatsim run ${SCENARIOS}/small.json --out ${RUNS}/small-${run} --history ${RUNS}/small-${run}/history.csv)
  set_tests_properties("model: run small.json (${run})" PROPERTIES FIXTURES_SETUP small_runs)
endforeach()
add_test(NAME "model: one seed gives byte-identical report.json"
         COMMAND ${CMAKE_COMMAND} -E compare_files ${RUNS}/small-a/report.json ${RUNS}/small-b/report.json)
add_test(NAME "model: one seed gives byte-identical history"
         COMMAND ${CMAKE_COMMAND} -E compare_files ${RUNS}/small-a/history.csv ${RUNS}/small-b/history.csv)
set_tests_properties("model: one seed gives byte-identical report.json" "model: one seed gives byte-identical history"
                     PROPERTIES FIXTURES_REQUIRED small_runs)

# Another seed must give another history, or "deterministic" would mean "ignores the seed".
add_test(NAME "model: run small.json with another seed"
         COMMAND whatsim run ${SCENARIOS}/small.json --seed 7 --out ${RUNS}/small-seed7 --history ${RUNS}/small-seed7/history.csv)
set_tests_properties("model: run small.json with another seed" PROPERTIES FIXTURES_SETUP seed7_run)
add_test(NAME "model: another seed gives another history"
         COMMAND ${CMAKE_COMMAND} -E compare_files ${RUNS}/small-a/history.csv ${RUNS}/small-seed7/history.csv)
set_tests_properties("model: another seed gives another history" PROPERTIES
                     FIXTURES_REQUIRED "small_runs;seed7_run" WILL_FAIL TRUE)

# The lifecycle checks (Catch2) read run A's history.csv and report.json.
catch_discover_tests(whatsim_model_checks TEST_SPEC "[model]" TEST_PREFIX "model: "
                     PROPERTIES FIXTURES_REQUIRED small_runs ENVIRONMENT WHATSIM_RUN_DIR=${RUNS}/small-a)

# Group chat with churn: groups-small.json twice with one seed; the group checks read run A.
foreach(run a b)
  add_test(NAME "model: run groups-small.json (${run})"
           COMMAND whatsim run ${SCENARIOS}/groups-small.json --out ${RUNS}/groups-${run}
                   --history ${RUNS}/groups-${run}/history.csv)
  set_tests_properties("model: run groups-small.json (${run})" PROPERTIES FIXTURES_SETUP group_runs)
endforeach()
add_test(NAME "model: one seed gives byte-identical group report.json"
         COMMAND ${CMAKE_COMMAND} -E compare_files ${RUNS}/groups-a/report.json ${RUNS}/groups-b/report.json)
add_test(NAME "model: one seed gives byte-identical group history"
         COMMAND ${CMAKE_COMMAND} -E compare_files ${RUNS}/groups-a/history.csv ${RUNS}/groups-b/history.csv)
set_tests_properties("model: one seed gives byte-identical group report.json"
                     "model: one seed gives byte-identical group history" PROPERTIES FIXTURES_REQUIRED group_runs)
catch_discover_tests(whatsim_model_checks TEST_SPEC "[group-run]" TEST_PREFIX "model groups: "
                     PROPERTIES FIXTURES_REQUIRED group_runs ENVIRONMENT WHATSIM_RUN_DIR=${RUNS}/groups-a)

# Bad input: exit 2, a one-line error naming the JSON path (or file, line and column), no output.
function(bad_input name expect_regex)
  add_test(NAME "bad input: ${name}"
           COMMAND ${CMAKE_COMMAND} "-DCMD=$<TARGET_FILE:whatsim>;run;${ARGN};--out;${RUNS}/bad-${name}"
                   -DEXPECT_EXIT=2 "-DEXPECT_STDERR=${expect_regex}" -DMUST_NOT_EXIST=${RUNS}/bad-${name}
                   -P ${CMAKE_CURRENT_SOURCE_DIR}/run_expecting.cmake)
endfunction()
bad_input(unknown-key "chat_srvers" ${BAD}/unknown_nested_key.json)
bad_input(unknown-top-key "unknown key" ${BAD}/unknown_top_key.json)
bad_input(unknown-key-in-array "regions\\[[0-9]+\\]" ${BAD}/unknown_key_in_array.json)
bad_input(wrong-type "expected" ${BAD}/wrong_type.json)
bad_input(out-of-range "must be" ${BAD}/out_of_range.json)
bad_input(bad-enum "must be one of" ${BAD}/bad_enum.json)
bad_input(invalid-json "line [0-9]+, column [0-9]+" ${BAD}/invalid_json.json)
bad_input(missing-file "no_such_scenario.json" ${BAD}/no_such_scenario.json)
bad_input(extends-cycle "cycle" ${BAD}/cycle_a.json)
bad_input(shares-not-one "user_share" ${BAD}/shares_not_one.json)
bad_input(set-unknown-path "deployment.chat_srvers" ${SCENARIOS}/small.json --set deployment.chat_srvers=3)
bad_input(set-out-of-range "deployment.chat_servers" ${SCENARIOS}/small.json --set deployment.chat_servers=0)
bad_input(set-no-equals "--set" ${SCENARIOS}/small.json --set deployment.chat_servers)
bad_input(unknown-flag "--frobnicate" ${SCENARIOS}/small.json --frobnicate)
bad_input(negative-seed "seed" ${SCENARIOS}/small.json --seed -4)
