# whatsim sweep (issue 9): a small sweep of small.json, 2 variants x 3 replications, then
# what a resumed sweep, a deleted run, --emit-slurm, a failed run and bad input do. The runs
# are shrunk (500 users, 300 simulated s, 60 s of them warm-up) so the sweep takes seconds;
# at 100 and 400 messages per user per day they still send hundreds and over a thousand
# messages, so the load a variant varies shows in its figures. The sanitizer build checks
# memory safety, not statistics: shorter runs still.
set(SWEEP_SETS --set population.users=500 --set simulation.duration_s=300)
if(WHATSIM_SANITIZE)
  set(SWEEP_SETS --set population.users=200 --set simulation.duration_s=150)
endif()
set(SWEEP_ARGS ${SCENARIOS}/small.json --vary traffic.messages_per_user_per_day=100,400 ${SWEEP_SETS}
               --replications 3 --jobs 2)
set(SWEEP_STEP ${CMAKE_CURRENT_SOURCE_DIR}/sweep_step.cmake)

# The sweep, then the same command again (resumed: nothing to run).
add_test(NAME "sweep: 2 variants x 3 replications of small.json"
         COMMAND ${CMAKE_COMMAND} "-DCMD=$<TARGET_FILE:whatsim>;sweep;${SWEEP_ARGS};--out;${RUNS}/sweep" -DEXPECT_EXIT=0
                 -DREMOVE=${RUNS}/sweep -DLOG=${RUNS}/sweep.log -P ${SWEEP_STEP})
set_tests_properties("sweep: 2 variants x 3 replications of small.json" PROPERTIES FIXTURES_SETUP sweep_first)
add_test(NAME "sweep: keep the first sweep's files"
         COMMAND ${CMAKE_COMMAND} "-DCMD=${CMAKE_COMMAND};-E;true" -DEXPECT_EXIT=0
                 "-DCOPY_DIR=${RUNS}/sweep;${RUNS}/sweep-first" -DLOG=${RUNS}/sweep-first.log -P ${SWEEP_STEP})
set_tests_properties("sweep: keep the first sweep's files" PROPERTIES FIXTURES_REQUIRED sweep_first
                     FIXTURES_SETUP sweep_kept)
add_test(NAME "sweep: the same command again resumes"
         COMMAND ${CMAKE_COMMAND} "-DCMD=$<TARGET_FILE:whatsim>;sweep;${SWEEP_ARGS};--out;${RUNS}/sweep" -DEXPECT_EXIT=0
                 -DLOG=${RUNS}/sweep-resume.log -P ${SWEEP_STEP})
set_tests_properties("sweep: the same command again resumes" PROPERTIES FIXTURES_REQUIRED sweep_kept
                     FIXTURES_SETUP sweep_resumed)

# A copy of the first sweep with one run deleted: the same command redoes that run alone.
add_test(NAME "sweep: a deleted run is redone"
         COMMAND ${CMAKE_COMMAND} "-DCMD=$<TARGET_FILE:whatsim>;sweep;${SWEEP_ARGS};--out;${RUNS}/sweep-redo"
                 -DEXPECT_EXIT=0 "-DCOPY_DIR=${RUNS}/sweep-first;${RUNS}/sweep-redo"
                 -DREMOVE=${RUNS}/sweep-redo/runs/v02-r02 -DLOG=${RUNS}/sweep-redo.log -P ${SWEEP_STEP})
set_tests_properties("sweep: a deleted run is redone" PROPERTIES FIXTURES_REQUIRED sweep_kept FIXTURES_SETUP sweep_redone)

# --emit-slurm writes the array script and runs nothing.
add_test(NAME "sweep: --emit-slurm writes a Slurm array script"
         COMMAND ${CMAKE_COMMAND} "-DCMD=$<TARGET_FILE:whatsim>;sweep;${SWEEP_ARGS};--emit-slurm;--out;${RUNS}/sweep-slurm"
                 -DEXPECT_EXIT=0 -DREMOVE=${RUNS}/sweep-slurm -DLOG=${RUNS}/sweep-slurm.log -P ${SWEEP_STEP})
set_tests_properties("sweep: --emit-slurm writes a Slurm array script" PROPERTIES FIXTURES_SETUP sweep_slurm)

# A run that fails (a file where its directory goes): the other is aggregated, exit 1.
add_test(NAME "sweep: a failed run exits 1"
         COMMAND ${CMAKE_COMMAND}
                 "-DCMD=$<TARGET_FILE:whatsim>;sweep;${SCENARIOS}/small.json;--vary;traffic.messages_per_user_per_day=100;${SWEEP_SETS};--replications;2;--jobs;2;--no-plots;--out;${RUNS}/sweep-fail"
                 -DEXPECT_EXIT=1 -DREMOVE=${RUNS}/sweep-fail -DBLOCK_RUN=${RUNS}/sweep-fail/runs/v01-r02 -DLOG=${RUNS}/sweep-fail.log -P ${SWEEP_STEP})
set_tests_properties("sweep: a failed run exits 1" PROPERTIES FIXTURES_SETUP sweep_fail)

# One fixture for the checks (catch_discover_tests passes no lists in PROPERTIES).
add_test(NAME "sweep: every step has run" COMMAND ${CMAKE_COMMAND} -E true)
set_tests_properties("sweep: every step has run" PROPERTIES FIXTURES_REQUIRED "sweep_resumed;sweep_redone;sweep_slurm;sweep_fail"
                     FIXTURES_SETUP sweep_steps)
catch_discover_tests(whatsim_model_checks TEST_SPEC "[sweep-run]" TEST_PREFIX "sweep: "
                     PROPERTIES FIXTURES_REQUIRED sweep_steps ENVIRONMENT WHATSIM_RUN_DIR=${RUNS}/sweep)

# Bad input: exit 2, one line naming what is wrong, nothing written.
function(bad_sweep name expect_regex)
  add_test(NAME "bad input: sweep ${name}"
           COMMAND ${CMAKE_COMMAND} "-DCMD=$<TARGET_FILE:whatsim>;sweep;${ARGN};--out;${RUNS}/bad-sweep-${name}"
                   -DEXPECT_EXIT=2 "-DEXPECT_STDERR=${expect_regex}" -DMUST_NOT_EXIST=${RUNS}/bad-sweep-${name}
                   -P ${CMAKE_CURRENT_SOURCE_DIR}/run_expecting.cmake)
endfunction()
bad_sweep(vary-without-equals "--vary traffic.messages_per_user_per_day: no '='" ${SCENARIOS}/small.json
          --vary traffic.messages_per_user_per_day)
bad_sweep(vary-empty-value "empty value" ${SCENARIOS}/small.json --vary traffic.messages_per_user_per_day=100,,400)
bad_sweep(vary-twice "varied twice" ${SCENARIOS}/small.json --vary deployment.chat_servers=2
          --vary deployment.chat_servers=4)
bad_sweep(vary-unknown-path "chat_serverz" ${SCENARIOS}/small.json --vary deployment.chat_serverz=2,4)
bad_sweep(vary-bad-value "deployment.chat_servers: must be >= 1.*variant v02" ${SCENARIOS}/small.json
          --vary deployment.chat_servers=4,-1)
bad_sweep(vary-seed "replications set the seed" ${SCENARIOS}/small.json --vary simulation.seed=1,2)
bad_sweep(metric-not-a-pointer "--metric latency_ms" ${SCENARIOS}/small.json --vary deployment.chat_servers=2,4
          --metric latency_ms.delivered.p99)
bad_sweep(max-below-replications "--max-replications 3 is below --replications 5" ${SCENARIOS}/small.json
          --vary deployment.chat_servers=2,4 --ci-width 5 --max-replications 3)
add_test(NAME "bad input: sweep without GNU parallel"
         COMMAND ${CMAKE_COMMAND} "-DCMD=${CMAKE_COMMAND};-E;env;PATH=${RUNS}/no-such-dir;$<TARGET_FILE:whatsim>;sweep;${SCENARIOS}/small.json;--vary;deployment.chat_servers=2,4;--out;${RUNS}/bad-sweep-no-parallel"
                 -DEXPECT_EXIT=2 "-DEXPECT_STDERR=GNU parallel not found.*Debian package parallel"
                 -DMUST_NOT_EXIST=${RUNS}/bad-sweep-no-parallel -P ${CMAKE_CURRENT_SOURCE_DIR}/run_expecting.cmake)
