# One step of the sweep tests: prepares the sweep directory, runs a command and keeps what it
# printed (stdout and stderr) for the checks to read.
#   cmake "-DCMD=a;b;c" -DEXPECT_EXIT=0 -DLOG=file [-DCOPY_DIR=from;to] [-DREMOVE=path]
#         [-DBLOCK_RUN=path] -P sweep_step.cmake
# COPY_DIR: a finished sweep copied first (a fresh copy: the destination is removed before).
# REMOVE: a run directory deleted before the command, which must redo it alone.
# BLOCK_RUN: a plain file put where a run's directory goes, so that that run fails.
if(DEFINED COPY_DIR)
  list(GET COPY_DIR 0 from)
  list(GET COPY_DIR 1 to)
  file(REMOVE_RECURSE "${to}")
  file(COPY "${from}/" DESTINATION "${to}")
endif()
if(DEFINED REMOVE)
  file(REMOVE_RECURSE "${REMOVE}")
endif()
if(DEFINED BLOCK_RUN)
  get_filename_component(parent "${BLOCK_RUN}" DIRECTORY)
  file(REMOVE_RECURSE "${parent}")
  file(MAKE_DIRECTORY "${parent}")
  file(WRITE "${BLOCK_RUN}" "not a run directory\n")
endif()
execute_process(COMMAND ${CMD} RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
file(WRITE "${LOG}" "${out}${err}")
if(NOT "${code}" STREQUAL "${EXPECT_EXIT}")
  message(FATAL_ERROR "exit code ${code}, expected ${EXPECT_EXIT}\nstdout: ${out}\nstderr: ${err}")
endif()
