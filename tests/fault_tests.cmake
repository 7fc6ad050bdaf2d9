# Fault tests: the fault scenarios run, their checks, determinism with faults, the async
# variant failing `whatsim check` on purpose, and a random campaign over 50 seeds.

# Same seed, same faults, same history bytes.
twice_with_one_seed(replica-failover.json failover failover_runs "failover ")
catch_discover_tests(whatsim_model_checks TEST_SPEC "[failover-run]" TEST_PREFIX "faults failover: "
                     PROPERTIES FIXTURES_REQUIRED failover_runs ENVIRONMENT WHATSIM_RUN_DIR=${RUNS}/failover-a)
twice_with_one_seed(swarm.json swarm swarm_runs "campaign ")

function(fault_run scenario name tag)
  add_test(NAME "faults: run ${scenario}" COMMAND whatsim run ${SCENARIOS}/${scenario} --out ${RUNS}/${name}
                                                  --history ${RUNS}/${name}/history.csv)
  set_tests_properties("faults: run ${scenario}" PROPERTIES FIXTURES_SETUP ${name}_run)
  catch_discover_tests(whatsim_model_checks TEST_SPEC "[${tag}]" TEST_PREFIX "faults ${name}: "
                       PROPERTIES FIXTURES_REQUIRED ${name}_run ENVIRONMENT WHATSIM_RUN_DIR=${RUNS}/${name})
endfunction()
fault_run(replica-failover-async.json async async-run)
fault_run(chat-server-crash.json crash crash-run)
fault_run(partition-regions.json partition partition-run)

# `whatsim check` on the fault scenarios: the synchronous ones pass (exit 0); the async one
# must fail (exit 1): a checker that cannot fail is worthless.
function(check_exits scenario code)
  add_test(NAME "faults: whatsim check ${scenario} exits ${code}"
           COMMAND ${CMAKE_COMMAND} "-DCMD=$<TARGET_FILE:whatsim>;check;${SCENARIOS}/${scenario};--out;${RUNS}/check-${scenario}"
                   -DEXPECT_EXIT=${code} -P ${CMAKE_CURRENT_SOURCE_DIR}/run_expecting.cmake)
endfunction()
check_exits(replica-failover.json 0)
check_exits(chat-server-crash.json 0)
check_exits(partition-regions.json 0)
check_exits(replica-failover-async.json 1)

# The campaign: 50 seeds of swarm.json at a smaller size, each a different set of enabled
# fault kinds and faults; every one must pass the checker under synchronous replication.
foreach(seed RANGE 1 50)
  add_test(NAME "faults: campaign seed ${seed} passes whatsim check"
           COMMAND ${CMAKE_COMMAND}
                   "-DCMD=$<TARGET_FILE:whatsim>;check;${SCENARIOS}/swarm.json;--seed;${seed};--set;faults.random.seed=${seed};--set;population.users=1000;--set;simulation.duration_s=300;--set;faults.random.until_s=240;--out;${RUNS}/campaign-${seed}"
                   -DEXPECT_EXIT=0 -P ${CMAKE_CURRENT_SOURCE_DIR}/run_expecting.cmake)
endforeach()
