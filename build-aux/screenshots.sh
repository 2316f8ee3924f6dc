#!/usr/bin/env bash
# screenshots.sh: PNGs of the main page states, taken headless on the demo backend
#
# Copyright 2026 The Member Desk authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: build-aux/screenshots.sh [BUILD_DIR] [OUT_DIR]
#
# BUILD_DIR defaults to _build, OUT_DIR to docs/screenshots. Starts
# member-desk in its own D-Bus session on an Xvfb server, drives it with
# xdotool like a person would (typing customer numbers, clicking tabs) and
# saves the window with ImageMagick's import. English UI, cairo renderer,
# default window size (960x720), no cursor blink and no animations, so that
# two runs give the same pictures.
set -euo pipefail

usage () {
  echo "usage: $0 [BUILD_DIR] [OUT_DIR]" >&2
  exit 2
}

source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
[ $# -le 2 ] || usage
build_dir=${1:-$source_dir/_build}
out_dir=${2:-$source_dir/docs/screenshots}
build_dir=$(cd "$build_dir" && pwd)
mkdir -p "$out_dir"
out_dir=$(cd "$out_dir" && pwd)
app=$build_dir/src/member-desk
import=/usr/bin/import

if [ -z "${MD_SHOTS_INNER:-}" ]; then
  missing=()
  for tool in xvfb-run dbus-run-session xdotool curl; do
    command -v "$tool" >/dev/null || missing+=("$tool")
  done
  [ -x "$import" ] || missing+=("$import")
  if [ ${#missing[@]} -gt 0 ]; then
    echo "screenshots.sh: missing ${missing[*]}; install them with:" >&2
    echo "  apt-get install xvfb xauth dbus-x11 xdotool imagemagick curl" >&2
    exit 1
  fi
  if [ ! -x "$app" ] || [ ! -f "$build_dir/data/gschemas.compiled" ]; then
    echo "screenshots.sh: build first: ninja -C $build_dir src/member-desk data/gschemas.compiled" >&2
    exit 1
  fi
  exec env MD_SHOTS_INNER=1 dbus-run-session -- \
    xvfb-run -a -s "-screen 0 1280x1024x24 -nolisten tcp" "$0" "$build_dir" "$out_dir"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/md-shots.XXXXXX")
app_pid=
cleanup () {
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
    kill "$app_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/config/gtk-4.0"
cat >"$work/config/gtk-4.0/settings.ini" <<'EOF'
[Settings]
gtk-cursor-blink=false
gtk-enable-animations=false
EOF
# GNOME's interface font when it is there (fonts-cantarell); GTK's fallback otherwise.
if fc-list 2>/dev/null | grep -qi cantarell; then
  echo 'gtk-font-name=Cantarell 11' >>"$work/config/gtk-4.0/settings.ini"
fi

export XDG_CONFIG_HOME=$work/config
export GSETTINGS_SCHEMA_DIR=$build_dir/data
export GSETTINGS_BACKEND=memory
export GSK_RENDERER=cairo
export GTK_A11Y=none
export LC_ALL=C.UTF-8
export LANGUAGE=en
# The embedded demo backend says its port only in a debug message.
export G_MESSAGES_DEBUG=all

say () {
  printf '==> %s\n' "$*"
}

die () {
  echo "screenshots.sh: $*" >&2
  [ -f "$work/app.log" ] && tail -20 "$work/app.log" >&2
  exit 1
}

win=
win_width=960

start_app () {
  local deadline=$((SECONDS + 20))
  "$app" "$@" >"$work/app.log" 2>&1 &
  app_pid=$!
  win=
  while [ -z "$win" ]; do
    [ $SECONDS -lt $deadline ] || die "no window appeared"
    kill -0 "$app_pid" 2>/dev/null || die "member-desk exited"
    sleep 0.2
    win=$(xdotool search --onlyvisible --name '^Member Desk$' 2>/dev/null | head -1) || true
  done
  win_width=$(xwininfo -id "$win" | awk '/^ *Width:/ { print $2 }')
  [ "$win_width" = 960 ] || echo "screenshots.sh: window is ${win_width} wide, not 960: clicks may miss" >&2
}

quit_app () {
  local deadline=$((SECONDS + 10))
  xdotool windowfocus "$win" key ctrl+q 2>/dev/null || true
  while kill -0 "$app_pid" 2>/dev/null; do
    if [ $SECONDS -ge $deadline ]; then
      kill "$app_pid" 2>/dev/null || true
      break
    fi
    sleep 0.2
  done
  wait "$app_pid" 2>/dev/null || true
  app_pid=
}

# The window title names the member once the personal details are in.
wait_title () {
  local pattern=$1 deadline=$((SECONDS + 15))
  until xdotool getwindowname "$win" 2>/dev/null | grep -qE "$pattern"; do
    [ $SECONDS -lt $deadline ] || die "the title never matched '$pattern' (it is '$(xdotool getwindowname "$win")')"
    sleep 0.1
  done
}

# Waits until two captures in a row are the same picture.
settle () {
  local target=${1:-$win} deadline=$((SECONDS + 10)) previous='' current
  while :; do
    current=$("$import" -window "$target" ppm:- 2>/dev/null | md5sum)
    [ "$current" = "$previous" ] && return 0
    [ $SECONDS -lt $deadline ] || { echo "screenshots.sh: the window never settled" >&2; return 0; }
    previous=$current
    sleep 0.3
  done
}

# shot NAME [WINDOW]: the main window unless another is named.
shot () {
  local target=${2:-$win}
  # Out of the window: no hover highlight in the picture.
  xdotool mousemove 1270 1010
  settle "$target"
  "$import" -window "$target" -strip "$out_dir/$1.png"
  say "$1.png"
}

click () {
  xdotool mousemove --window "$win" "$1" "$2" click 1
}

# The view switcher sits in the middle of the header: four 100 px tabs.
show_tab () {
  local index
  case $1 in
    contact) index=0 ;;
    address) index=1 ;;
    personal) index=2 ;;
    bank) index=3 ;;
  esac
  click $((win_width / 2 - 150 + index * 100)) 28
}

open_member () {
  xdotool windowfocus "$win" key ctrl+l ctrl+a
  xdotool type --delay 20 "$1"
  xdotool key Return
}

say "welcome page"
start_app
shot 01-welcome
quit_app

say "demo desk"
start_app --demo
port=
deadline=$((SECONDS + 10))
until [ -n "$port" ]; do
  [ $SECONDS -lt $deadline ] || die "the demo backend never said its port"
  sleep 0.1
  port=$(sed -n 's/.*Demo backend listening on port \([0-9]*\).*/\1/p' "$work/app.log" | head -1)
done
shot 02-desk-demo-members

open_member 1001
wait_title '^Lena Hoffmann$'
show_tab contact
shot 03-instant-contact

# The e-mail row is the first row of the contact form.
click 400 192
xdotool key ctrl+a
xdotool type --delay 20 'lena@'
shot 04-validation-error
xdotool key Escape

open_member 1002
wait_title 'Jonas Weber$'
show_tab address
shot 05-reviewed-address

open_member 1003
wait_title 'Miriam Schulz$'
show_tab address
shot 06-pending-address

open_member 1004
wait_title '^Klaus Becker$'
show_tab personal
shot 07-read-only-personal

# The next four API calls fail: every page of the next member fails to load.
curl -sf -o /dev/null -X POST -H 'x-api-key: demo-key' -H 'Content-Type: application/json' \
  -d '{"count": 4, "status": 500, "brokenBody": false}' "http://127.0.0.1:$port/demo/faults" \
  || die "could not inject faults into the demo backend"
open_member 1001
wait_title '^Customer 1001$'
show_tab contact
shot 08-load-error

quit_app

# Signing new bank details, with real pointer input: the recorded strokes
# are played back as X pointer motions over the pad.
sign_bank_details () {
  local dialog deadline=$((SECONDS + 10))
  open_member 1002
  wait_title 'Jonas Weber$'
  show_tab bank
  # The IBAN row is the second row of the bank details form.
  click 400 250
  xdotool key ctrl+a
  xdotool type --delay 10 'DE89370400440532013000'
  xdotool key ctrl+s
  dialog=
  until [ -n "$dialog" ]; do
    [ $SECONDS -lt $deadline ] || die "the signature step never opened"
    sleep 0.2
    dialog=$(xdotool search --onlyvisible --name '^Sign the Change of Bank Details$' 2>/dev/null | head -1) || true
  done
  settle "$dialog"
  # The pad's top left corner in the dialog at its default size.
  python3 - "$source_dir/tests/data/signatures/sample-2.strokes.json" "$dialog" 36 413 <<'PY' | sh
import json, sys
data = json.load(open(sys.argv[1]))
window, ox, oy = sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
scale = min(1.0, 600 / data["width"], 200 / data["height"])
for stroke in data["strokes"]:
    pts = [(round(ox + p["x"] * scale), round(oy + p["y"] * scale)) for p in stroke]
    moves = " ".join(f"mousemove --window {window} {x} {y} sleep 0.008" for x, y in pts[1:])
    print(f"xdotool mousemove --window {window} {pts[0][0]} {pts[0][1]} mousedown 1 {moves} mouseup 1")
PY
  shot "$1" "$dialog"
}

say "signature step"
start_app --demo
sign_bank_details 09-signature
quit_app

say "signature step, dark"
ADW_DEBUG_COLOR_SCHEME=prefer-dark start_app --demo
sign_bank_details 10-signature-dark
quit_app
say "saved in $out_dir"
