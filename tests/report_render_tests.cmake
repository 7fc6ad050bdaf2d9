# ---- report.html in a browser (issue 7) ----
# A short run of small.json, then its report.html opened in headless Chromium, which must
# render every figure `whatsim run` adds (data/report_render/check_report_render.cmake says
# how it checks). The screenshot stays at runs/browser-report.png for a person to look at.
# Label `browser`: it needs the chromium package (scripts/install-deps.sh installs it).
find_program(WHATSIM_CHROMIUM NAMES chromium chromium-browser)
set(BROWSER_RUN ${RUNS}/browser)

add_test(NAME "browser: run small.json for report.html"
         COMMAND whatsim run ${SCENARIOS}/small.json --set simulation.duration_s=120 --set simulation.warmup_s=20
                 --out ${BROWSER_RUN})
set_tests_properties("browser: run small.json for report.html" PROPERTIES FIXTURES_SETUP browser_run LABELS browser)

add_test(NAME "browser: report.html renders every figure in headless Chromium"
         COMMAND ${CMAKE_COMMAND} "-DCHROMIUM=${WHATSIM_CHROMIUM}" -DREPORT=${BROWSER_RUN}/report.html
                 -DSCREENSHOT=${RUNS}/browser-report.png "-DFIGURES=timeline.png;latency_cdf.png;utilization.png"
                 -P ${CMAKE_CURRENT_SOURCE_DIR}/data/report_render/check_report_render.cmake)
set_tests_properties("browser: report.html renders every figure in headless Chromium" PROPERTIES
                     FIXTURES_REQUIRED browser_run LABELS browser TIMEOUT 240)
