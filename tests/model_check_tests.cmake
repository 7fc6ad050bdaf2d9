# The analytic model (issue 7): model-check.json simulated at three loads, each run's
# model-versus-simulation comparison checked; and `whatsim plan` as a command.
# The sanitizer build checks memory safety, not the statistics: it runs the middle load only
# (each run takes over a minute there).
set(MODEL_CHECK_LOADS 200 500 800)
if(WHATSIM_SANITIZE)
  set(MODEL_CHECK_LOADS 500)
endif()
foreach(messages ${MODEL_CHECK_LOADS})
  add_test(NAME "model check: run model-check.json at ${messages} messages per user per day"
           COMMAND whatsim run ${SCENARIOS}/model-check.json --set traffic.messages_per_user_per_day=${messages}
                   --out ${RUNS}/model-check-${messages})
  set_tests_properties("model check: run model-check.json at ${messages} messages per user per day"
                       PROPERTIES FIXTURES_SETUP model_check_${messages})
  # EXTRA_ARGS names the run: Catch's discovery files are named by a hash of the spec and the
  # extra arguments only, so without it the three loads would share one file (the last's).
  catch_discover_tests(whatsim_model_checks TEST_SPEC "[model-check-run]" TEST_PREFIX "model check ${messages}: "
                       EXTRA_ARGS --name model-check-${messages}
                       PROPERTIES FIXTURES_REQUIRED model_check_${messages}
                                  ENVIRONMENT WHATSIM_RUN_DIR=${RUNS}/model-check-${messages})
endforeach()

# whatsim plan on the full baseline: the plan and its report, byte-identical twice.
foreach(run a b)
  add_test(NAME "plan: baseline.json (${run})" COMMAND whatsim plan ${SCENARIOS}/baseline.json --out ${RUNS}/plan-${run})
  set_tests_properties("plan: baseline.json (${run})" PROPERTIES FIXTURES_SETUP plan_runs)
endforeach()
add_test(NAME "plan: one scenario gives a byte-identical plan.json"
         COMMAND ${CMAKE_COMMAND} -E compare_files ${RUNS}/plan-a/plan.json ${RUNS}/plan-b/plan.json)
add_test(NAME "plan: one scenario gives a byte-identical report.md"
         COMMAND ${CMAKE_COMMAND} -E compare_files ${RUNS}/plan-a/report.md ${RUNS}/plan-b/report.md)
set_tests_properties("plan: one scenario gives a byte-identical plan.json" "plan: one scenario gives a byte-identical report.md"
                     PROPERTIES FIXTURES_REQUIRED plan_runs)
catch_discover_tests(whatsim_model_checks TEST_SPEC "[plan-run]" TEST_PREFIX "plan: "
                     PROPERTIES FIXTURES_REQUIRED plan_runs ENVIRONMENT WHATSIM_RUN_DIR=${RUNS}/plan-a)

# Bad plan input: exit 2, one line naming what is wrong, nothing written.
function(bad_plan name expect_regex)
  add_test(NAME "bad input: plan ${name}"
           COMMAND ${CMAKE_COMMAND} "-DCMD=$<TARGET_FILE:whatsim>;plan;${ARGN};--out;${RUNS}/bad-plan-${name}"
                   -DEXPECT_EXIT=2 "-DEXPECT_STDERR=${expect_regex}" -DMUST_NOT_EXIST=${RUNS}/bad-plan-${name}
                   -P ${CMAKE_CURRENT_SOURCE_DIR}/run_expecting.cmake)
endfunction()
bad_plan(utilization-above-1 "max-utilization" ${SCENARIOS}/baseline.json --max-utilization 1.5)
bad_plan(negative-users "target-users" ${SCENARIOS}/baseline.json --target-users -5)
bad_plan(missing-scenario "no-such" ${SCENARIOS}/no-such.json)
bad_plan(bad-set "deployment.chat_servers" ${SCENARIOS}/baseline.json --set deployment.chat_servers=-1)
