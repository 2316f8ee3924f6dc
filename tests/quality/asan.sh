#!/usr/bin/env bash
# asan.sh: the whole test suite again, built with AddressSanitizer and UBSan
#
# Copyright 2026 The Member Desk authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: tests/quality/asan.sh [--meson MESON] SOURCE_ROOT BUILD_DIR
#
# Configures BUILD_DIR the first time (the `asan` test uses asan/ inside
# the main build directory), builds it and runs every test there. Any
# sanitizer report fails the test that made it: errors abort at once,
# leaks fail the program at its exit, unless tests/quality/lsan.supp
# names them (third-party code only). Needs Xvfb and the session bus the
# suite runs with; the last line is the summary of the inner run.
set -euo pipefail

meson=meson
if [ "${1:-}" = --meson ]; then
  meson=$2
  shift 2
fi
if [ $# -ne 2 ]; then
  echo "usage: $0 [--meson MESON] SOURCE_ROOT BUILD_DIR" >&2
  exit 2
fi
source_root=$(cd "$1" && pwd)
build_dir=$2
here=$source_root/tests/quality

if [ ! -f "$build_dir/meson-private/coredata.dat" ]; then
  "$meson" setup "$build_dir" "$source_root" \
    -Db_sanitize=address,undefined -Db_lundef=false -Dwerror=true \
    -Dcontract_tests=disabled -Dquality_tests=disabled
fi
# Reconfigures by itself when a meson.build changed.
"$meson" compile -C "$build_dir"

# fast_unwind_on_malloc=0: GLib and GTK have no frame pointers, and the
#   suppressions match only on whole stacks. (Slow: 4 to 30 times; 20
#   frames are enough for every suppression and cost less than 30.)
# intercept_tls_get_addr=0: GCC 12's runtime misreads glibc's dynamic TLS
#   blocks and LeakSanitizer's tracer crashes (google/sanitizers#1322).
export ASAN_OPTIONS=fast_unwind_on_malloc=0:malloc_context_size=20:intercept_tls_get_addr=0:halt_on_error=1:abort_on_error=1:detect_leaks=1:print_summary=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:print_summary=1
export LSAN_OPTIONS=suppressions=$here/lsan.supp:print_suppressions=0
# GLib's slice allocator would hide GObject leaks from LeakSanitizer.
export G_SLICE=always-malloc
# The tests draw with cairo: GDK need not probe GL, which loads Mesa (its
# EGL drivers leak, and unwinding through them deadlocks).
export GDK_DEBUG=gl-disable
export MD_TEST_WAIT_MULTIPLIER=5

# Each test on an X server of its own: see own-display.sh. (Meson adds
# the wrapper's name to the log's.)
rm -f "$build_dir"/meson-logs/quality-asan*
status=0
"$meson" test -C "$build_dir" --no-rebuild --print-errorlogs --timeout-multiplier 5 \
  --wrapper "bash $(printf %q "$here/own-display.sh")" --logbase quality-asan \
  </dev/null || status=$?

summary_status=0
python3 "$here/summarize.py" "AddressSanitizer and UBSan" \
  "$build_dir"/meson-logs/quality-asan*.json || summary_status=$?
[ $status -eq 0 ] && [ $summary_status -eq 0 ]
