# ---- whatsim compare (issue 9): what got worse between two reports or two sweeps ----
# Reports: small.json's run A (tests/model_tests.cmake, fixture small_runs) against itself,
# and against a second real run of it on chat and message servers at half the clock: their
# server CPU time per message doubles, which must regress (exit 1), and the other way round
# must not (the faster run is an improvement, exit 0). Sweeps: hand-made sweep.json files in
# data/compare/ whose intervals overlap (exit 0) or lie apart (exit 1).
set(COMPARE_RUNS ${RUNS}/compare)
set(COMPARE_DATA ${CMAKE_CURRENT_SOURCE_DIR}/data/compare)
set(EXPECTING ${CMAKE_CURRENT_SOURCE_DIR}/data/check/check_expecting.cmake)
set(SMALL_REPORT ${RUNS}/small-a/report.json)
set(SLOW_REPORT ${COMPARE_RUNS}/slow-clock/report.json)

add_test(NAME "compare: run small.json on servers at half the clock"
         COMMAND whatsim run ${SCENARIOS}/small.json --set hardware.profiles.commodity-2u.clock_ghz=1.25
                 --out ${COMPARE_RUNS}/slow-clock)
set_tests_properties("compare: run small.json on servers at half the clock" PROPERTIES FIXTURES_SETUP compare_slow_run)

# The direction rules on every figure of the real runs model_tests.cmake already made.
foreach(run_and_fixture small:small_runs groups:group_runs media:media_runs)
  string(REPLACE ":" ";" run_and_fixture ${run_and_fixture})
  list(GET run_and_fixture 0 run)
  list(GET run_and_fixture 1 fixture)
  catch_discover_tests(whatsim_model_checks TEST_SPEC "[compare-run-${run}]" TEST_PREFIX "compare ${run}: "
                       PROPERTIES FIXTURES_REQUIRED ${fixture} ENVIRONMENT WHATSIM_RUN_DIR=${RUNS}/${run}-a)
endforeach()

# compare_case(NAME EXIT FIXTURES STDOUT-REGEXES whatsim-compare-args...); STDOUT-REGEXES is a
# ;-list. The Markdown file it writes (check_expecting.cmake's JUNIT: a file removed first,
# then matched) must hold the same summary.
function(compare_case name code fixtures stdout)
  set(markdown ${COMPARE_RUNS}/${name}.md)
  string(REPLACE " " "-" markdown "${markdown}")
  add_test(NAME "compare: ${name} exits ${code}"
           COMMAND ${CMAKE_COMMAND} "-DCMD=$<TARGET_FILE:whatsim>;compare;${ARGN};--markdown;${markdown}"
                   -DEXPECT_EXIT=${code} "-DEXPECT_STDOUT=${stdout}" -DJUNIT=${markdown}
                   "-DJUNIT_MATCHES=\\*\\*compare: " -P ${EXPECTING})
  if(fixtures)
    set_tests_properties("compare: ${name} exits ${code}" PROPERTIES FIXTURES_REQUIRED "${fixtures}")
  endif()
endfunction()

set(NO_REGRESSION "\ncompare: no regression \\([0-9]+ figures compared\\)\n$")
compare_case("a report against itself" 0 small_runs "${NO_REGRESSION}" ${SMALL_REPORT} ${SMALL_REPORT})
compare_case("a report against a slower run" 1 "small_runs;compare_slow_run"
             "/latency_breakdown/server_ack/server_cpu_ms +[^\n]+ REGRESSED\n;\ncompare: [0-9]+ figures? regressed\n$"
             ${SMALL_REPORT} ${SLOW_REPORT})
compare_case("a slower report against the faster run" 0 "small_runs;compare_slow_run"
             "/latency_breakdown/server_ack/server_cpu_ms +[^\n]+ -[0-9.]+% +5% +improved\n;${NO_REGRESSION}"
             ${SLOW_REPORT} ${SMALL_REPORT} --all)
compare_case("sweeps whose intervals overlap" 0 "" "worse, intervals overlap\n;${NO_REGRESSION}"
             ${COMPARE_DATA}/base-sweep.json ${COMPARE_DATA}/overlap-sweep.json --all)
compare_case("sweeps with a shifted interval" 1 ""
             "deployment.chat_servers=8 +/latency_ms/delivered/p99 +302 \\[294, 310\\] n=3 +340 \\[331, 349\\] n=3 [^\n]+ REGRESSED\n;\ncompare: 1 figure regressed\n$"
             ${COMPARE_DATA}/base-sweep.json ${COMPARE_DATA}/shifted-sweep.json)

# Same input, same bytes.
foreach(copy a b)
  add_test(NAME "compare: JSON of a report against a slower run (${copy})"
           COMMAND ${CMAKE_COMMAND} "-DCMD=$<TARGET_FILE:whatsim>;compare;${SMALL_REPORT};${SLOW_REPORT};--json;${COMPARE_RUNS}/slower-${copy}.json"
                   -DEXPECT_EXIT=1 -P ${CMAKE_CURRENT_SOURCE_DIR}/run_expecting.cmake)
  set_tests_properties("compare: JSON of a report against a slower run (${copy})" PROPERTIES
                       FIXTURES_REQUIRED "small_runs;compare_slow_run" FIXTURES_SETUP compare_json)
endforeach()
add_test(NAME "compare: the same input gives byte-identical JSON"
         COMMAND ${CMAKE_COMMAND} -E compare_files ${COMPARE_RUNS}/slower-a.json ${COMPARE_RUNS}/slower-b.json)
set_tests_properties("compare: the same input gives byte-identical JSON" PROPERTIES FIXTURES_REQUIRED compare_json)

# Bad input: exit 2, a one-line error saying what is wrong, no JSON file.
function(bad_compare name expect_regex fixtures)
  add_test(NAME "bad input: compare ${name}"
           COMMAND ${CMAKE_COMMAND} "-DCMD=$<TARGET_FILE:whatsim>;compare;${ARGN};--json;${COMPARE_RUNS}/bad-${name}.json"
                   -DEXPECT_EXIT=2 "-DEXPECT_STDERR=${expect_regex}" -DMUST_NOT_EXIST=${COMPARE_RUNS}/bad-${name}.json
                   -P ${CMAKE_CURRENT_SOURCE_DIR}/run_expecting.cmake)
  if(fixtures)
    set_tests_properties("bad input: compare ${name}" PROPERTIES FIXTURES_REQUIRED "${fixtures}")
  endif()
endfunction()
set(BASE_SWEEP ${COMPARE_DATA}/base-sweep.json)
bad_compare(missing-file "no_such_sweep.json: cannot read" "" ${BASE_SWEEP} ${COMPARE_DATA}/no_such_sweep.json)
bad_compare(invalid-json "invalid.json: invalid JSON: .*line 4, column [0-9]+" "" ${BASE_SWEEP} ${COMPARE_DATA}/invalid.json)
bad_compare(neither-kind "run.json: neither a report.json .* nor a sweep.json" small_runs
            ${RUNS}/small-a/run.json ${SMALL_REPORT})
bad_compare(report-against-sweep "is a report.json but .*base-sweep.json a sweep.json" small_runs
            ${SMALL_REPORT} ${BASE_SWEEP})
bad_compare(mismatched-variants "variant deployment.chat_servers=16 has no match" ""
            ${BASE_SWEEP} ${COMPARE_DATA}/mismatched-sweep.json)
bad_compare(negative-tolerance "--tolerance.*percentage >= 0" "" ${BASE_SWEEP} ${BASE_SWEEP} --tolerance -5)
bad_compare(tolerance-for-no-pointer "--tolerance-for.*FIGURE=PCT" "" ${BASE_SWEEP} ${BASE_SWEEP}
            --tolerance-for latency_ms=10)
bad_compare(tolerance-for-unknown-figure "tolerance for /latency_ms/delivred/p99: no figure" ""
            ${BASE_SWEEP} ${BASE_SWEEP} --tolerance-for /latency_ms/delivred/p99=10)
bad_compare(one-file "new is required" "" ${BASE_SWEEP})
bad_compare(directory "compare: cannot read: is a directory" "" ${COMPARE_DATA} ${BASE_SWEEP})
