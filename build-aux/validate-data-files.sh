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
fi
# The strict mode: caption and summary lengths and the style rules Flathub
# also applies.
if command -v appstream-util >/dev/null 2>&1; then
  run "metainfo (appstream-util, strict)" appstream-util validate --nonet "$metainfo"
fi
if ! command -v appstreamcli >/dev/null 2>&1 && ! command -v appstream-util >/dev/null 2>&1; then
  echo "note: neither appstreamcli (package appstream) nor appstream-util installed"
fi

# What Flathub's linter wants of a desktop application beyond the
# validators, as far as it can be checked offline.
# shellcheck disable=SC2317  # called through run
flathub_metainfo () {
  python3 - "$1" <<'PY'
import sys
import xml.etree.ElementTree as ET

root = ET.parse(sys.argv[1]).getroot()
problems = []


def need(path, what):
    if root.find(path) is None:
        problems.append('no ' + what)


need('launchable[@type="desktop-id"]', 'desktop-id launchable')
need('content_rating[@type="oars-1.1"]', 'OARS 1.1 content rating')
need('releases/release[@version][@date]', 'release with version and date')
need('url[@type="homepage"]', 'homepage URL')
need('url[@type="bugtracker"]', 'bug tracker URL')
need('url[@type="vcs-browser"]', 'source code URL')
need('developer_name', 'developer name')
need('branding/color[@scheme_preference="light"]', 'light brand colour')
need('branding/color[@scheme_preference="dark"]', 'dark brand colour')
need('supports/control', 'supported input devices')
need('requires/display_length', 'required display size')
shots = root.findall('screenshots/screenshot')
if not shots:
    problems.append('no screenshots')
for shot in shots:
    image = shot.find('image')
    if image is None or not (image.text or '').startswith('https://'):
        problems.append('a screenshot without an https image')
    if shot.find('caption') is None:
        problems.append('a screenshot without a caption')
if len([s for s in shots if s.get('type') == 'default']) != 1:
    problems.append('not exactly one default screenshot')
for problem in problems:
    print('  ' + problem)
sys.exit(1 if problems else 0)
PY
}

if command -v python3 >/dev/null 2>&1; then
  run "metainfo has what Flathub asks for" flathub_metainfo "$metainfo"
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
