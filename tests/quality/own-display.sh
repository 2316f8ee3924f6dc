#!/usr/bin/env bash
# own-display.sh: run a command on an X server of its own
#
# Copyright 2026 The Member Desk authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: tests/quality/own-display.sh COMMAND [ARGS...]
#
# The sanitizer and valgrind runs wrap every test in this. On one shared
# display, test programs running side by side answer each other's
# clipboard requests (GDK asks every new selection owner for its targets),
# and a program that exits mid-transfer leaves GTK's selection streams in
# the other one behind: leaks that are no test's doing.
set -euo pipefail

fifo=$(mktemp -u "${TMPDIR:-/tmp}/md-display-XXXXXX")
mkfifo "$fifo"
# -displayfd: the server picks a free display number and writes it there.
Xvfb -displayfd 5 -screen 0 1280x1024x24 -nolisten tcp 5>"$fifo" 2>/dev/null &
xvfb=$!
display=
read -r display <"$fifo" || true
rm -f "$fifo"
if [ -z "$display" ]; then
  echo "own-display.sh: Xvfb did not start" >&2
  exit 1
fi

status=0
DISPLAY=:$display "$@" || status=$?
kill "$xvfb" 2>/dev/null || true
wait "$xvfb" 2>/dev/null || true
exit $status
