# Opens a report.html in headless Chromium and checks that it renders with every figure.
#   cmake -DCHROMIUM=/usr/bin/chromium -DREPORT=/abs/out/report.html -DSCREENSHOT=/abs/shot.png
#         -DFIGURES="timeline.png;latency_cdf.png" -P check_report_render.cmake
#
# Two runs of the browser, each with its own throw-away profile (--user-data-dir) and no
# display (--headless):
# 1. --screenshot at 1200 x 4000: the PNG must exist and be more than a blank page's few kB
#    (a person can look at it: it is kept at SCREENSHOT).
# 2. --dump-dom: the DOM after the page's load event and its script ran. report.html's script
#    (analysis/html_report.cpp) marks each figure data-loaded="yes" when it rendered (an inline
#    SVG with a size that draws something; an <img> that decoded) and the body with
#    data-figures (figures in the page) and data-figures-loaded. Checked: every figure of the
#    page loaded; the page has as many figures as report.md has images (none dropped); each
#    of FIGURES is there and loaded; and the DOM holds at least one <svg> per expected figure.
# Any failure ends the script with FATAL_ERROR, which fails the test.

cmake_minimum_required(VERSION 3.22)

foreach(required CHROMIUM REPORT SCREENSHOT FIGURES)
  if(NOT DEFINED ${required} OR "${${required}}" STREQUAL "")
    message(FATAL_ERROR "check_report_render.cmake: -D${required}=... is required")
  endif()
endforeach()
if(NOT EXISTS "${CHROMIUM}")
  message(FATAL_ERROR "chromium not found (${CHROMIUM}): scripts/install-deps.sh installs it")
endif()
if(NOT EXISTS "${REPORT}")
  message(FATAL_ERROR "no ${REPORT}: whatsim run did not write report.html")
endif()

set(BLANK_PAGE_BYTES 20000)       # a white 1200 x 4000 PNG is a few kB; text and figures are far more
set(BROWSER_TIMEOUT_S 90)         # a hung browser fails the test instead of stalling ctest
set(VIRTUAL_TIME_BUDGET_MS 10000) # time the page's load handler gets before the DOM is dumped

execute_process(COMMAND mktemp -d OUTPUT_VARIABLE PROFILES OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cannot make a temporary directory for the browser profiles")
endif()

# Removes the profiles, then fails with `text`.
macro(fail text)
  file(REMOVE_RECURSE "${PROFILES}")
  message(FATAL_ERROR "${text}")
endmacro()

set(FLAGS --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --hide-scrollbars)
set(URL "file://${REPORT}")

# 1. The screenshot.
file(REMOVE "${SCREENSHOT}")
execute_process(COMMAND "${CHROMIUM}" ${FLAGS} "--user-data-dir=${PROFILES}/screenshot" "--screenshot=${SCREENSHOT}"
                        --window-size=1200,4000 "${URL}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT ${BROWSER_TIMEOUT_S})
if(NOT rc EQUAL 0 OR NOT EXISTS "${SCREENSHOT}")
  fail("chromium --screenshot failed (${rc}): ${err}")
endif()
file(SIZE "${SCREENSHOT}" screenshot_bytes)
if(screenshot_bytes LESS BLANK_PAGE_BYTES)
  fail("the screenshot ${SCREENSHOT} is ${screenshot_bytes} bytes: a blank page, not the report")
endif()

# 2. The rendered DOM.
execute_process(COMMAND "${CHROMIUM}" ${FLAGS} "--user-data-dir=${PROFILES}/dom" --dump-dom
                        --virtual-time-budget=${VIRTUAL_TIME_BUDGET_MS} "${URL}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE dom ERROR_VARIABLE err TIMEOUT ${BROWSER_TIMEOUT_S})
if(NOT rc EQUAL 0)
  fail("chromium --dump-dom failed (${rc}): ${err}")
endif()
file(REMOVE_RECURSE "${PROFILES}")

string(REGEX MATCH "<body[^>]*>" body "${dom}")
string(REGEX MATCH "data-figures=\"([0-9]+)\"" found "${body}")
set(figures "${CMAKE_MATCH_1}")
string(REGEX MATCH "data-figures-loaded=\"([0-9]+)\"" found "${body}")
set(loaded "${CMAKE_MATCH_1}")
if(figures STREQUAL "" OR loaded STREQUAL "")
  message(FATAL_ERROR "the page's figure check did not run: no data-figures on <body> (${body})")
endif()
if(NOT loaded EQUAL figures)
  string(REGEX MATCHALL "data-source=\"[^\"]*\" data-loaded=\"no\"" missing "${dom}")
  message(FATAL_ERROR "${loaded} of ${figures} figures rendered; not rendered: ${missing}")
endif()

file(READ "${REPORT}" html)
get_filename_component(report_dir "${REPORT}" DIRECTORY)
file(READ "${report_dir}/report.md" markdown)
string(REGEX MATCHALL "!\\[[^]]*\\]\\(" images "${markdown}")
list(LENGTH images image_count)
if(NOT figures EQUAL image_count)
  message(FATAL_ERROR "report.md has ${image_count} images, the page ${figures} figures")
endif()

foreach(figure IN LISTS FIGURES)
  if(NOT dom MATCHES "data-source=\"${figure}\" data-loaded=\"yes\"")
    message(FATAL_ERROR "figure ${figure} is not in the rendered page, or did not render")
  endif()
endforeach()
string(REGEX MATCHALL "<svg" svgs "${dom}")
list(LENGTH svgs svg_count)
list(LENGTH FIGURES expected_count)
if(svg_count LESS expected_count)
  message(FATAL_ERROR "the rendered page has ${svg_count} <svg> elements for ${expected_count} figures")
endif()
message(STATUS "report.html rendered ${loaded} of ${figures} figures (${svg_count} inline SVG); screenshot ${SCREENSHOT} (${screenshot_bytes} bytes)")
