#!/usr/bin/env bash
# Runs one build step (CMake configure or build, npm ci) with its output in a log file instead of
# the console: Maven's -q quiets Maven, not the children exec-maven-plugin starts, and README's
# first command should show the demo's own progress lines, not pages of compiler progress. When
# the step fails, the end of its log is printed with the log's path and its exit code is passed on,
# so an error is never hidden. DOFLAMINGO_BUILD_OUTPUT=1 shows the output as it comes as well.
#
#   quietly.sh LOG COMMAND [ARG...]
set -uo pipefail
[ $# -ge 2 ] || { echo "usage: $0 LOG COMMAND [ARG...]" >&2; exit 2; }
log=$1
shift
mkdir -p "$(dirname "$log")"
if [ "${DOFLAMINGO_BUILD_OUTPUT:-0}" = 1 ]; then
  "$@" 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
else
  "$@" > "$log" 2>&1
  rc=$?
fi
if [ "$rc" -ne 0 ]; then
  echo "doflamingo: '$*' failed (exit $rc); the end of its output:" >&2
  tail -n 60 "$log" >&2
  echo "doflamingo: the whole output is in $log" >&2
fi
exit "$rc"
