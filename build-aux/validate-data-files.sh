#!/usr/bin/env bash
# validate-data-files.sh: check the built desktop file, AppStream metainfo and icons
#
# Copyright 2026 The Member Desk authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: validate-data-files.sh DESKTOP METAINFO [ICON.svg...]
# Exit status: 0 valid, 1 invalid, 77 when no validator at all is installed.
set -u

if [ $# -lt 2 ]; then
  echo "usage: $0 DESKTOP METAINFO [ICON.svg...]" >&2
  exit 2
fi
desktop=$1
metainfo=$2
shift 2

failed=0
checked=0

run () {
  local what=$1
  shift
  checked=$((checked + 1))
  if "$@"; then
    echo "ok   $what"
  else
    echo "FAIL $what ($*)"
    failed=1
  fi
}

if command -v desktop-file-validate >/dev/null 2>&1; then
  run "desktop file" desktop-file-validate "$desktop"
else
  echo "note: desktop-file-validate not installed (package desktop-file-utils)"
fi

if command -v appstreamcli >/dev/null 2>&1; then
  run "metainfo (appstreamcli)" appstreamcli validate --no-net "$metainfo"
elif command -v appstream-util >/dev/null 2>&1; then
  run "metainfo (appstream-util)" appstream-util validate-relax --nonet "$metainfo"
else
  echo "note: neither appstreamcli (package appstream) nor appstream-util installed"
fi

# shellcheck disable=SC2317  # called through run
render () {
  rsvg-convert -w 64 -h 64 "$1" >/dev/null
}

if command -v rsvg-convert >/dev/null 2>&1; then
  for icon in "$@"; do
    run "icon $(basename "$icon") renders" render "$icon"
  done
fi

if [ "$checked" -eq 0 ]; then
  echo "SKIP no validator installed"
  exit 77
fi
exit $failed
