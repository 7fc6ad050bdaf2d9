# Fault tests: `whatsim check` on every fault scenario (the synchronous ones pass, the async
# one must fail: a checker that cannot fail is worthless), Catch2 checks of what each fault
# did (they read the check runs' report and history), determinism with faults, and a random
# campaign over 50 seeds. Each scenario runs once where it can: these runs dominate the
# sanitizer build's test time.

# check_fault(SCENARIO NAME EXIT STDOUT-regex TAG): `whatsim check` into runs/NAME with its
# history; the Catch2 checks tagged [TAG] read that run.
function(check_fault scenario name code stdout tag)
  check_test("fault scenario ${scenario} exits ${code}" EXIT ${code}
    ARGS ${SCENARIOS}/${scenario} --out ${RUNS}/${name} --history ${RUNS}/${name}/history.csv
         --junit ${RUNS}/${name}/junit.xml
    STDOUT "${stdout}" ${ARGN})
  set_tests_properties("check: fault scenario ${scenario} exits ${code}" PROPERTIES FIXTURES_SETUP ${name}_run)
  catch_discover_tests(whatsim_model_checks TEST_SPEC "[${tag}]" TEST_PREFIX "faults ${name}: "
                       PROPERTIES FIXTURES_REQUIRED ${name}_run ENVIRONMENT WHATSIM_RUN_DIR=${RUNS}/${name})
endfunction()
check_fault(replica-failover.json failover 0 "\ncheck passed: " failover-run)
check_fault(chat-server-crash.json crash 0 "\ncheck passed: " crash-run)
check_fault(partition-regions.json partition 0 "\ncheck passed: " partition-run)
# Exit 1 alone could be a sanitizer's exit code: the verdict line must say what failed.
check_fault(replica-failover-async.json async 1 "\nFAIL +checker +consistency.lost == 0 +\\(actual [1-9][0-9]*\\)\n" async-run
  JUNIT ${RUNS}/async/junit.xml JUNIT_MATCHES "<failure message=\"consistency.lost == 0 does not hold: actual [1-9]")

# Same seed, same faults, same history bytes: a plain run of replica-failover.json against
# the check run above.
add_test(NAME "faults: run replica-failover.json again with its seed"
         COMMAND whatsim run ${SCENARIOS}/replica-failover.json --out ${RUNS}/failover-again
                 --history ${RUNS}/failover-again/history.csv)
set_tests_properties("faults: run replica-failover.json again with its seed" PROPERTIES FIXTURES_SETUP failover_again)
foreach(file report.json history.csv)
  add_test(NAME "faults: one seed gives byte-identical failover ${file}"
           COMMAND ${CMAKE_COMMAND} -E compare_files ${RUNS}/failover/${file} ${RUNS}/failover-again/${file})
  set_tests_properties("faults: one seed gives byte-identical failover ${file}" PROPERTIES
                       FIXTURES_REQUIRED "failover_run;failover_again")
endforeach()

# The campaign: 50 seeds of swarm.json at a smaller size, each a different set of enabled
# fault kinds and faults; every one must pass the checker under synchronous replication.
# The sanitizer build checks memory safety, not the campaign's breadth: it runs 12 seeds
# (enough to enable every fault kind), as each takes about 15 s there.
set(CAMPAIGN_SETS --set population.users=500 --set simulation.duration_s=240 --set faults.random.until_s=180)
set(CAMPAIGN_SEEDS 50)
if(WHATSIM_SANITIZE)
  set(CAMPAIGN_SEEDS 12)
endif()
foreach(seed RANGE 1 ${CAMPAIGN_SEEDS})
  check_test("campaign seed ${seed} of swarm.json passes" EXIT 0
    ARGS ${SCENARIOS}/swarm.json --seed ${seed} --set faults.random.seed=${seed} ${CAMPAIGN_SETS}
         --out ${RUNS}/campaign-${seed} --history ${RUNS}/campaign-${seed}/history.csv
    STDOUT "\ncheck passed: ")
endforeach()
set_tests_properties("check: campaign seed 1 of swarm.json passes" PROPERTIES FIXTURES_SETUP campaign_1)
# A random campaign is as deterministic as a scheduled fault: seed 1 again, byte for byte.
add_test(NAME "faults: run campaign seed 1 again"
         COMMAND whatsim run ${SCENARIOS}/swarm.json --seed 1 --set faults.random.seed=1 ${CAMPAIGN_SETS}
                 --out ${RUNS}/campaign-1-again --history ${RUNS}/campaign-1-again/history.csv)
set_tests_properties("faults: run campaign seed 1 again" PROPERTIES FIXTURES_SETUP campaign_1_again)
foreach(file report.json history.csv)
  add_test(NAME "faults: one seed gives a byte-identical campaign ${file}"
           COMMAND ${CMAKE_COMMAND} -E compare_files ${RUNS}/campaign-1/${file} ${RUNS}/campaign-1-again/${file})
  set_tests_properties("faults: one seed gives a byte-identical campaign ${file}" PROPERTIES
                       FIXTURES_REQUIRED "campaign_1;campaign_1_again")
endforeach()
