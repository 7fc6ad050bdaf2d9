# Model tests: each runs the whatsim binary (one SimGrid engine per process).
set(RUNS ${CMAKE_CURRENT_BINARY_DIR}/runs)
set(SCENARIOS ${CMAKE_SOURCE_DIR}/scenarios)
set(BAD ${CMAKE_CURRENT_SOURCE_DIR}/data/scenarios)

# SCENARIO run twice with one seed into runs/NAME-a and runs/NAME-b (fixture FIXTURE): the
# checks read run A; two tests compare A and B byte for byte (their names say "LABEL").
# The sanitizer build runs only small.json twice: determinism is the Release build's to check,
# and each of these runs takes a minute or two there.
function(twice_with_one_seed scenario name fixture label)
  if(WHATSIM_SANITIZE AND NOT name STREQUAL "small")
    add_test(NAME "model: run ${scenario} (a)"
             COMMAND whatsim run ${SCENARIOS}/${scenario} --out ${RUNS}/${name}-a --history ${RUNS}/${name}-a/history.csv)
    set_tests_properties("model: run ${scenario} (a)" PROPERTIES FIXTURES_SETUP ${fixture})
    return()
  endif()
  foreach(run a b)
    add_test(NAME "model: run ${scenario} (${run})"
             COMMAND whatsim run ${SCENARIOS}/${scenario} --out ${RUNS}/${name}-${run}
                     --history ${RUNS}/${name}-${run}/history.csv)
    set_tests_properties("model: run ${scenario} (${run})" PROPERTIES FIXTURES_SETUP ${fixture})
  endforeach()
  add_test(NAME "model: one seed gives byte-identical ${label}report.json"
           COMMAND ${CMAKE_COMMAND} -E compare_files ${RUNS}/${name}-a/report.json ${RUNS}/${name}-b/report.json)
  add_test(NAME "model: one seed gives byte-identical ${label}history"
           COMMAND ${CMAKE_COMMAND} -E compare_files ${RUNS}/${name}-a/history.csv ${RUNS}/${name}-b/history.csv)
  set_tests_properties("model: one seed gives byte-identical ${label}report.json"
                       "model: one seed gives byte-identical ${label}history" PROPERTIES FIXTURES_REQUIRED ${fixture})
endfunction()

# small.json twice with one seed: the lifecycle checks read run A, determinism compares A and B.
twice_with_one_seed(small.json small small_runs "")

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
twice_with_one_seed(groups-small.json groups group_runs "group ")
catch_discover_tests(whatsim_model_checks TEST_SPEC "[group-run]" TEST_PREFIX "model groups: "
                     PROPERTIES FIXTURES_REQUIRED group_runs ENVIRONMENT WHATSIM_RUN_DIR=${RUNS}/groups-a)
# The same checks with the datacenter network starved (1 Mbit/s), so the brokers' record
# batches to the handlers overlap on the wire and a small one can finish before a larger one
# posted earlier: each connection must still hand them over in order (model/arrival_queue.hpp).
# Before it did, the handler stopped at "records must be consumed in offset order".
add_test(NAME "model: run groups-small.json on a starved datacenter network"
         COMMAND whatsim run ${SCENARIOS}/groups-small.json --set deployment.datacenter.bandwidth_gbps=0.001
                 --out ${RUNS}/groups-starved --history ${RUNS}/groups-starved/history.csv)
set_tests_properties("model: run groups-small.json on a starved datacenter network" PROPERTIES
                     FIXTURES_SETUP group_starved_run)
catch_discover_tests(whatsim_model_checks TEST_SPEC "[group-run]" TEST_PREFIX "model groups starved network: "
                     PROPERTIES FIXTURES_REQUIRED group_starved_run ENVIRONMENT WHATSIM_RUN_DIR=${RUNS}/groups-starved)

# Media: media-small.json twice with one seed (the media checks read run A), and
# viral-media.json once for the viral item's move from blob storage to the CDN.
twice_with_one_seed(media-small.json media media_runs "media ")
catch_discover_tests(whatsim_model_checks TEST_SPEC "[media-run]" TEST_PREFIX "model media: "
                     PROPERTIES FIXTURES_REQUIRED media_runs ENVIRONMENT WHATSIM_RUN_DIR=${RUNS}/media-a)
# The same checks on media-small.json with phones asking by hash before uploading.
add_test(NAME "model: run media-small.json, dedup ask_first"
         COMMAND whatsim run ${SCENARIOS}/media-small.json --set media.asset.dedup=ask_first --out ${RUNS}/media-ask)
set_tests_properties("model: run media-small.json, dedup ask_first" PROPERTIES FIXTURES_SETUP media_ask_run)
catch_discover_tests(whatsim_model_checks TEST_SPEC "[media-run],[ask-first-run]" TEST_PREFIX "model media ask-first: "
                     PROPERTIES FIXTURES_REQUIRED media_ask_run ENVIRONMENT WHATSIM_RUN_DIR=${RUNS}/media-ask)
# The same in several file lanes (model/platform.hpp), against run A's one lane; the
# sanitizer build leaves it to Release, as it does the second runs above.
if(NOT WHATSIM_SANITIZE)
  add_test(NAME "model: run media-small.json in file lanes"
           COMMAND whatsim run ${SCENARIOS}/media-small.json --set simulation.users_per_file_lane=500 --out ${RUNS}/media-lanes)
  # Its checks read run A too: the run waits for it (one fixture per check, as discovery can pass).
  set_tests_properties("model: run media-small.json in file lanes" PROPERTIES FIXTURES_SETUP media_lanes_run
                       FIXTURES_REQUIRED media_runs)
  catch_discover_tests(whatsim_model_checks TEST_SPEC "[lanes-run]" TEST_PREFIX "model lanes: "
                       PROPERTIES FIXTURES_REQUIRED media_lanes_run ENVIRONMENT WHATSIM_RUN_DIR=${RUNS}/media-lanes)
endif()
add_test(NAME "model: run viral-media.json" COMMAND whatsim run ${SCENARIOS}/viral-media.json --out ${RUNS}/viral)
set_tests_properties("model: run viral-media.json" PROPERTIES FIXTURES_SETUP viral_run)
catch_discover_tests(whatsim_model_checks TEST_SPEC "[viral-run]" TEST_PREFIX "model viral: "
                     PROPERTIES FIXTURES_REQUIRED viral_run ENVIRONMENT WHATSIM_RUN_DIR=${RUNS}/viral)

# Security: small.json with end-to-end encryption off (the confidentiality check must find
# the plaintext), and with one device's keys compromised (what they expose, against the history).
add_test(NAME "model: run small.json, end-to-end off"
         COMMAND whatsim run ${SCENARIOS}/small.json --set crypto.end_to_end=false --out ${RUNS}/plaintext)
set_tests_properties("model: run small.json, end-to-end off" PROPERTIES FIXTURES_SETUP plaintext_run)
catch_discover_tests(whatsim_model_checks TEST_SPEC "[plaintext-run]" TEST_PREFIX "model plaintext: "
                     PROPERTIES FIXTURES_REQUIRED plaintext_run ENVIRONMENT WHATSIM_RUN_DIR=${RUNS}/plaintext)
add_test(NAME "model: run small.json, a compromised device"
         COMMAND whatsim run ${SCENARIOS}/small.json --set crypto.compromised_device=7 --out ${RUNS}/compromise
                 --history ${RUNS}/compromise/history.csv)
set_tests_properties("model: run small.json, a compromised device" PROPERTIES FIXTURES_SETUP compromise_run)
catch_discover_tests(whatsim_model_checks TEST_SPEC "[compromise-run]" TEST_PREFIX "model compromise: "
                     PROPERTIES FIXTURES_REQUIRED compromise_run ENVIRONMENT WHATSIM_RUN_DIR=${RUNS}/compromise)

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

# ---- whatsim calibrate (issue 5) ----
# It measures this machine, so its figures differ from run to run: the checks test that they
# are there, positive, rounded and plausible, not what they are. --clock-ghz keeps the
# cycles independent of whether this machine exposes its clock.
add_test(NAME "calibrate: measure crypto costs into a scenario fragment"
         COMMAND whatsim calibrate --seconds 0.02 --clock-ghz 2.5 --out ${RUNS}/calibrated.json)
# With --extends the output is a whole scenario; it lives in RUNS, away from its parent.
add_test(NAME "calibrate: measure crypto costs into a scenario extending small.json"
         COMMAND whatsim calibrate --seconds 0.02 --clock-ghz 2.5 --extends ${SCENARIOS}/small.json
                 --out ${RUNS}/calibrated-small.json)
set_tests_properties("calibrate: measure crypto costs into a scenario fragment"
                     "calibrate: measure crypto costs into a scenario extending small.json"
                     PROPERTIES FIXTURES_SETUP calibrated_files)
catch_discover_tests(whatsim_model_checks TEST_SPEC "[calibrate]" TEST_PREFIX "calibrate: "
                     PROPERTIES FIXTURES_REQUIRED calibrated_files ENVIRONMENT WHATSIM_RUN_DIR=${RUNS})
add_test(NAME "calibrate: a scenario extending small.json with calibrated costs runs"
         COMMAND whatsim run ${RUNS}/calibrated-small.json --set simulation.duration_s=30
                 --set simulation.warmup_s=5 --out ${RUNS}/calibrated-small-run)
set_tests_properties("calibrate: a scenario extending small.json with calibrated costs runs"
                     PROPERTIES FIXTURES_REQUIRED calibrated_files)

# Bad flags: exit 2, a one-line error, no file.
function(bad_calibrate name expect_regex)
  add_test(NAME "bad input: calibrate ${name}"
           COMMAND ${CMAKE_COMMAND} "-DCMD=$<TARGET_FILE:whatsim>;calibrate;${ARGN};--out;${RUNS}/bad-calibrate-${name}.json"
                   -DEXPECT_EXIT=2 "-DEXPECT_STDERR=${expect_regex}" -DMUST_NOT_EXIST=${RUNS}/bad-calibrate-${name}.json
                   -P ${CMAKE_CURRENT_SOURCE_DIR}/run_expecting.cmake)
endfunction()
bad_calibrate(unknown-flag "--frobnicate" --frobnicate)
bad_calibrate(zero-seconds "--seconds" --seconds 0)
bad_calibrate(negative-seconds "--seconds" --seconds -1)
bad_calibrate(nan-seconds "--seconds" --seconds nan)
bad_calibrate(zero-clock "--clock-ghz" --clock-ghz 0)
bad_calibrate(negative-clock "--clock-ghz" --clock-ghz -2.5)
bad_calibrate(extends-missing "no_such_scenario.json" --clock-ghz 2.5 --extends ${BAD}/no_such_scenario.json)
bad_calibrate(extends-invalid "chat_srvers" --seconds 0.01 --clock-ghz 2.5 --extends ${BAD}/unknown_nested_key.json)

# ---- whatsim check (issue 6): exit codes, verdict lines, JUnit XML, the replay command ----
# Scenarios in tests/data/check: small.json cut to one simulated minute, with expectations
# that hold (check_pass.json), one that fails, one on a figure the report lacks, one malformed.
# check_expecting.cmake runs `whatsim check` through run_expecting.cmake (exit code, one-line
# error, nothing written), then matches stdout and the JUnit file, and runs the printed
# replay command again: it must end the same way with a byte-identical report.json.
set(CHECK_DATA ${CMAKE_CURRENT_SOURCE_DIR}/data/check)
set(CHECK_RUNS ${RUNS}/check)
# check_test(NAME EXIT code ARGS whatsim-check-args... STDOUT regex... [JUNIT file JUNIT_MATCHES regex...]
#            [REPLAY_OUT dir REPORT report.json]); each regex one argument (no semicolons).
function(check_test name)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "" "EXIT;JUNIT;REPLAY_OUT;REPORT" "ARGS;STDOUT;JUNIT_MATCHES")
  add_test(NAME "check: ${name}"
           COMMAND ${CMAKE_COMMAND} "-DCMD=$<TARGET_FILE:whatsim>;check;${ARG_ARGS}" -DEXPECT_EXIT=${ARG_EXIT}
                   "-DEXPECT_STDOUT=${ARG_STDOUT}" "-DJUNIT=${ARG_JUNIT}" "-DJUNIT_MATCHES=${ARG_JUNIT_MATCHES}"
                   "-DREPLAY_OUT=${ARG_REPLAY_OUT}" "-DREPORT=${ARG_REPORT}" -P ${CHECK_DATA}/check_expecting.cmake)
endfunction()

check_test("a scenario whose expectations all hold exits 0 and writes JUnit XML" EXIT 0
  ARGS ${CHECK_DATA}/check_pass.json --out ${CHECK_RUNS}/pass --junit ${CHECK_RUNS}/pass/junit.xml
  STDOUT "\nPASS +expect\\[0\\] +consistency.lost == 0 +\\(actual 0\\)\n"
         "\nPASS +checker +consistency.duplicated == 0 +\\(actual 0\\)\n"
         "\ncheck passed: all [0-9]+ checks hold\n$"
  JUNIT ${CHECK_RUNS}/pass/junit.xml
  JUNIT_MATCHES "^<\\?xml "
                "<testsuite name=\"check-pass\" tests=\"[0-9]+\" failures=\"0\" errors=\"0\" skipped=\"0\">"
                "<testcase classname=\"check-pass.expect\" name=\"messages.delivered &gt. 0\"/>"
                "<testcase classname=\"check-pass.checker\" name=\"consistency.lost == 0\"/>"
                "</testsuites>\n$")

check_test("a failing expectation exits 1 and prints the seed and the command that replays it" EXIT 1
  ARGS ${CHECK_DATA}/check_fail.json --seed 5 --set "description=a run's replay"
       --out ${CHECK_RUNS}/fail --junit ${CHECK_RUNS}/fail/junit.xml
  STDOUT "\nPASS +expect\\[0\\] +messages.delivered > 0 "
         "\nFAIL +expect\\[1\\] +latency_ms.delivered.p99 <= 0.001 +\\(actual [0-9.]+\\)\n"
         "\ncheck FAILED: 1 of [0-9]+ checks failed\nseed: 5\n"
         "\nreplay: [^\n]*whatsim check [^\n]*/check_fail.json --seed 5 --set 'description=a run'\\\\''s replay'\n"
  JUNIT ${CHECK_RUNS}/fail/junit.xml
  JUNIT_MATCHES "failures=\"1\" errors=\"0\""
                "<property name=\"seed\" value=\"5\"/>"
                "<failure message=\"latency_ms.delivered.p99 &lt.= 0.001 does not hold: actual [0-9.]+\">"
  REPLAY_OUT ${CHECK_RUNS}/fail-replay REPORT ${CHECK_RUNS}/fail/report.json)

check_test("an expectation on a figure the report does not have exits 2 as undecided" EXIT 2
  ARGS ${CHECK_DATA}/check_unknown.json --out ${CHECK_RUNS}/unknown --junit ${CHECK_RUNS}/unknown/junit.xml
  STDOUT "\nUNKNOWN +expect\\[0\\] +latency_ms.delivered.p98 <= 300 +\\(report.json has no latency_ms.delivered.p98 "
         "\ncheck UNDECIDED: 1 of [0-9]+ checks could not be decided\n"
  JUNIT ${CHECK_RUNS}/unknown/junit.xml
  JUNIT_MATCHES "failures=\"0\" errors=\"1\""
                "<error message=\"report.json has no latency_ms.delivered.p98 ")

# Bad input: exit 2, a one-line error, nothing written (not even the out directory).
# bad_check(ID NAME STDERR-REGEX whatsim-check-args...): ID names its out directory.
function(bad_check id name expect_regex)
  add_test(NAME "check: ${name}"
           COMMAND ${CMAKE_COMMAND} "-DCMD=$<TARGET_FILE:whatsim>;check;${ARGN};--out;${CHECK_RUNS}/bad-${id};--junit;${CHECK_RUNS}/bad-${id}/junit.xml"
                   -DEXPECT_EXIT=2 "-DEXPECT_STDERR=${expect_regex}" -DMUST_NOT_EXIST=${CHECK_RUNS}/bad-${id}
                   -P ${CMAKE_CURRENT_SOURCE_DIR}/run_expecting.cmake)
endfunction()
bad_check(malformed "a malformed expectation exits 2 naming expect[0] and writes nothing"
          "check_malformed.json: expect\\[0\\]: .*'=' is not a comparison" ${CHECK_DATA}/check_malformed.json)
bad_check(malformed-set "a malformed expectation given by --set names its index"
          "expect\\[1\\]: .*no comparison" ${CHECK_DATA}/check_pass.json --set "expect[1]=latency_ms.delivered.p99")
bad_check(set-out-of-range "a bad --set exits 2 and writes nothing"
          "deployment.chat_servers" ${CHECK_DATA}/check_pass.json --set deployment.chat_servers=0)
