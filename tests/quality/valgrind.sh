#!/usr/bin/env bash
# valgrind.sh: the test programs again, each under valgrind's memcheck
#
# Copyright 2026 The Member Desk authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: tests/quality/valgrind.sh [--meson MESON] BUILD_DIR TEST...
#
# Runs the named tests of BUILD_DIR with `meson test --setup valgrind`
# (see the top meson.build). Only C test programs: the setup wraps every
# test's command, and the Python checks and the contract test would run
# the interpreter under memcheck. Any error, or a definite leak that
# tests/quality/valgrind.supp does not name (third-party code only), fails
# the test. Needs the session bus the suite runs with (each test gets an
# X server of its own); the last line is the summary of the inner run.
set -euo pipefail

meson=meson
if [ "${1:-}" = --meson ]; then
  meson=$2
  shift 2
fi
if [ $# -lt 2 ]; then
  echo "usage: $0 [--meson MESON] BUILD_DIR TEST..." >&2
  exit 2
fi
build_dir=$1
shift
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# hostile-ui's 320 cases take about 8 minutes under memcheck (20 of them
# wait out a client timeout made ten times longer): a sample of 80 (see
# tests/test-hostile-ui.c) takes about 2 and has every answer with every
# operation and in every domain. MD_HOSTILE_SAMPLE=320 runs them all.
export MD_HOSTILE_SAMPLE=${MD_HOSTILE_SAMPLE:-80}

# (Meson adds the setup's name to the log's.)
rm -f "$build_dir"/meson-logs/quality-valgrind*
status=0
"$meson" test -C "$build_dir" --setup valgrind --no-rebuild --print-errorlogs \
  --logbase quality-valgrind "$@" </dev/null || status=$?

summary_status=0
python3 "$here/summarize.py" "valgrind memcheck" \
  "$build_dir"/meson-logs/quality-valgrind*.json || summary_status=$?
[ $status -eq 0 ] && [ $summary_status -eq 0 ]
