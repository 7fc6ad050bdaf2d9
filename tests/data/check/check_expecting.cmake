# Runs `whatsim check` for ctest and checks how it ended, what it printed and what it wrote:
#   cmake -DCMD="whatsim;check;..." -DEXPECT_EXIT=1 [-DEXPECT_STDERR=regex] [-DMUST_NOT_EXIST=path]
#         [-DEXPECT_STDOUT="regex;regex"] [-DJUNIT=file -DJUNIT_MATCHES="regex;regex"]
#         [-DREPLAY_OUT=dir -DREPORT=report.json] -P check_expecting.cmake
# The exit code, stderr and MUST_NOT_EXIST are checked by ../../run_expecting.cmake, like
# every CLI test; this adds stdout, the JUnit file (removed first, so a stale file from an
# earlier run cannot pass), and the replay: the command check printed after "replay: ",
# run again by a shell with --out REPLAY_OUT, must end the same way and write the same
# report.json bytes as REPORT. An empty JUNIT or REPLAY_OUT counts as not given.
if(JUNIT)
  file(REMOVE "${JUNIT}")
endif()
include(${CMAKE_CURRENT_LIST_DIR}/../../run_expecting.cmake)  # sets `out` and `err`

foreach(regex IN LISTS EXPECT_STDOUT)
  if(NOT out MATCHES "${regex}")
    message(FATAL_ERROR "stdout does not match '${regex}':\n${out}")
  endif()
endforeach()

if(JUNIT)
  if(NOT EXISTS "${JUNIT}")
    message(FATAL_ERROR "no JUnit file ${JUNIT}\nstdout: ${out}")
  endif()
  file(READ "${JUNIT}" junit)
  foreach(regex IN LISTS JUNIT_MATCHES)
    if(NOT junit MATCHES "${regex}")
      message(FATAL_ERROR "${JUNIT} does not match '${regex}':\n${junit}")
    endif()
  endforeach()
endif()

if(REPLAY_OUT)
  if(NOT out MATCHES "\nreplay: ([^\n]*)\n")
    message(FATAL_ERROR "no replay command in stdout:\n${out}")
  endif()
  set(replay "${CMAKE_MATCH_1} --out ${REPLAY_OUT}")
  execute_process(COMMAND sh -c "${replay}" RESULT_VARIABLE replay_code OUTPUT_VARIABLE replay_out
                  ERROR_VARIABLE replay_err)
  if(NOT "${replay_code}" STREQUAL "${EXPECT_EXIT}")
    message(FATAL_ERROR "the replay `${replay}` exited ${replay_code}, expected ${EXPECT_EXIT}\n${replay_out}${replay_err}")
  endif()
  execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files "${REPORT}" "${REPLAY_OUT}/report.json"
                  RESULT_VARIABLE differ)
  if(differ)
    message(FATAL_ERROR "the replay wrote another report.json than ${REPORT}: it does not replay the run")
  endif()
endif()
