#!/usr/bin/env bash
# bench.sh: start-up and open-member benchmarks, printed as Markdown tables
#
# Copyright 2026 The Member Desk authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: build-aux/bench.sh [BUILD_DIR] [--runs N] [--only start|open|decide]
#                           [--renderers "cairo gl"] [--latency-ms MS]
#
# start: wall time from starting the process to its first painted frame, for
#        Member Desk with --demo (tests/bench/md-bench-app: main.c plus a
#        first-frame report) against a bare libadwaita window
#        (tests/bench/md-bench-bare), runs interleaved, one warm-up each.
# open:  in one process, opening a member (four pages, loaded concurrently)
#        against a single GET of one domain, with the same server latency.
#
# Runs in its own D-Bus session and Xvfb server, so nothing else on the
# display or bus takes part. Targets: start <= 1.15x, open <= 1.3x the
# baseline median. The script reports; it exits non-zero only when a
# measurement could not be taken, never for a missed target.
set -euo pipefail

usage () {
  echo "usage: $0 [BUILD_DIR] [--runs N] [--only start|open|decide] [--renderers LIST] [--latency-ms MS]" >&2
  exit 2
}

source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=$source_dir/_build
runs=10
only=
renderers="cairo gl"
latency=100

if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then
  build_dir=$1
  shift
fi
while [ $# -gt 0 ]; do
  case $1 in
    --runs) runs=${2:?}; shift 2 ;;
    --only) only=${2:?}; shift 2 ;;
    --renderers) renderers=${2:?}; shift 2 ;;
    --latency-ms) latency=${2:?}; shift 2 ;;
    *) usage ;;
  esac
done
case $only in ''|all|start|open|decide) ;; *) usage ;; esac
[[ $runs =~ ^[1-9][0-9]*$ ]] || usage
[[ $latency =~ ^[0-9]+$ ]] || usage
build_dir=$(cd "$build_dir" && pwd)

app=$build_dir/tests/bench/md-bench-app
bare=$build_dir/tests/bench/md-bench-bare

if [ -z "${MD_BENCH_INNER:-}" ]; then
  missing=()
  for tool in xvfb-run dbus-run-session; do
    command -v "$tool" >/dev/null || missing+=("$tool")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "bench.sh: missing ${missing[*]}; install them with:" >&2
    echo "  apt-get install xvfb xauth dbus-x11" >&2
    exit 1
  fi
  # meson test --benchmark has built everything already.
  if [ -z "${MD_BENCH_NO_BUILD:-}" ]; then
    ninja -C "$build_dir" tests/bench/md-bench-app tests/bench/md-bench-bare \
      data/gschemas.compiled >/dev/null
  fi
  exec env MD_BENCH_INNER=1 dbus-run-session -- \
    xvfb-run -a -s "-screen 0 1280x1024x24 -nolisten tcp" \
    "$0" "$build_dir" --runs "$runs" --only "${only:-all}" \
    --renderers "$renderers" --latency-ms "$latency"
fi
[ "$only" = all ] && only=

for exe in "$app" "$bare"; do
  if [ ! -x "$exe" ]; then
    echo "bench.sh: $exe is missing; build it with ninja -C $build_dir tests/bench/${exe##*/}" >&2
    exit 1
  fi
done

export GSETTINGS_SCHEMA_DIR=$build_dir/data
export GSETTINGS_BACKEND=memory
# Both programs alike: no accessibility bus, no debug output, one locale.
export GTK_A11Y=none
export LC_ALL=C.UTF-8
export LANGUAGE=en
unset G_MESSAGES_DEBUG G_DEBUG G_SLICE GSK_DEBUG GDK_DEBUG GTK_DEBUG

log=$(mktemp "${TMPDIR:-/tmp}/md-bench.XXXXXX")
trap 'rm -f "$log" "$log".*' EXIT

# "min median max" of the numbers on standard input.
stats () {
  sort -g | awk '{ v[NR] = $1 }
    END {
      if (NR == 0) { print "- - -"; exit }
      m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
      printf "%.1f %.1f %.1f\n", v[1], m, v[NR]
    }'
}

median () {
  stats | awk '{ print $2 }'
}

ratio () {
  awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'
}

verdict () {
  awk -v r="$1" -v t="$2" 'BEGIN { if (r == "-") print "not measured"; else print (r <= t ? "met" : "**not met**") }'
}

# One start: prints "SPAWN_MS MAIN_MS RSS_KB RENDERER_TYPE", or fails.
start_once () {
  local renderer=$1 t0 out
  shift
  t0=${EPOCHREALTIME/[.,]/}
  out=$(MD_BENCH_T0=$t0 GSK_RENDERER=$renderer timeout 60 "$@" 2>>"$log") || return 1
  out=$(printf '%s\n' "$out" | sed -n 's/^first-frame //p')
  [ -n "$out" ] || return 1
  printf '%s\n' "$out"
}

summary=()
start_rows=()

bench_start () {
  local renderer result app_median bare_median r used
  for renderer in $renderers; do
    : >"$log.app"
    : >"$log.bare"
    # Warm-up round (fontconfig and file caches), then interleaved runs.
    for run in $(seq 0 "$runs"); do
      result=$(start_once "$renderer" "$bare") || { echo "bench.sh: bare window failed, see:" >&2; cat "$log" >&2; exit 1; }
      [ "$run" -gt 0 ] && echo "$result" >>"$log.bare"
      result=$(start_once "$renderer" "$app" --demo) || { echo "bench.sh: md-bench-app failed, see:" >&2; cat "$log" >&2; exit 1; }
      [ "$run" -gt 0 ] && echo "$result" >>"$log.app"
    done
    # GTK falls back to cairo, silently, when GL cannot start.
    used=$(awk '{ print $4 }' "$log.app" "$log.bare" | sort -u | tr '\n' ' ')
    used=${used% }
    for which in bare app; do
      local label s inproc rss
      [ $which = bare ] && label="Bare libadwaita window" || label="member-desk --demo"
      read -r -a s <<<"$(awk '{ print $1 }' "$log.$which" | stats)"
      inproc=$(awk '{ print $2 }' "$log.$which" | median)
      rss=$(awk '{ print $3 / 1024 }' "$log.$which" | median)
      start_rows+=("| $label | $renderer ($used) | $runs | ${s[0]} | ${s[1]} | ${s[2]} | $inproc | $rss |")
    done
    bare_median=$(awk '{ print $1 }' "$log.bare" | median)
    app_median=$(awk '{ print $1 }' "$log.app" | median)
    r=$(ratio "$app_median" "$bare_median")
    start_rows+=("| **Ratio of medians** | $renderer | | | **${r}x** | | | |")
    summary+=("| Start to first frame, GSK_RENDERER=$renderer | <= 1.15x | ${r}x | $(verdict "$r" 1.15) |")
  done

  echo "### Start to first painted frame"
  echo
  echo "| Program | GSK_RENDERER (renderer used) | Runs | Min (ms) | Median (ms) | Max (ms) | Median from main() (ms) | Peak RSS (MiB) |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
  printf '%s\n' "${start_rows[@]}"
  echo
}

bench_open () {
  local out s open_median get_median r
  out=$(GSK_RENDERER=cairo timeout 600 "$app" --open --runs "$runs" --latency-ms "$latency" 2>>"$log") || {
    echo "bench.sh: md-bench-app --open failed, see:" >&2
    cat "$log" >&2
    exit 1
  }

  echo "### Opening member 1001 at ${latency} ms server latency (GSK_RENDERER=cairo)"
  echo
  echo "| Measure | Runs | Min (ms) | Median (ms) | Max (ms) |"
  echo "| --- | --- | --- | --- | --- |"
  for measure in open-member open-member-painted single-get; do
    local label
    case $measure in
      open-member) label="Open member: all four pages out of loading" ;;
      open-member-painted) label="Open member: until the frame that shows it" ;;
      single-get) label="One GET of one domain (contact)" ;;
    esac
    read -r -a s <<<"$(printf '%s\n' "$out" | sed -n "s/^$measure //p" | stats)"
    echo "| $label | $runs | ${s[0]} | ${s[1]} | ${s[2]} |"
  done
  open_median=$(printf '%s\n' "$out" | sed -n 's/^open-member //p' | median)
  get_median=$(printf '%s\n' "$out" | sed -n 's/^single-get //p' | median)
  r=$(ratio "$open_median" "$get_median")
  echo "| **Ratio of medians** (open / one GET) | | | **${r}x** | |"
  echo
  summary+=("| Open member, four pages ($latency ms latency) | <= 1.3x | ${r}x | $(verdict "$r" 1.3) |")
}

bench_decide () {
  local out s decide_median get_median r
  out=$(GSK_RENDERER=cairo timeout 600 "$app" --decide --runs "$runs" 2>>"$log") || {
    echo "bench.sh: md-bench-app --decide failed, see:" >&2
    cat "$log" >&2
    exit 1
  }
  echo "### A studio decision reaching the page (webhook, loopback, GSK_RENDERER=cairo)"
  echo
  echo "| Measure | Runs | Min (ms) | Median (ms) | Max (ms) |"
  echo "| --- | --- | --- | --- | --- |"
  for measure in decide single-get; do
    local label
    case $measure in
      decide) label="Approval in the studio until the frame that shows it" ;;
      single-get) label="One GET of one domain (address)" ;;
    esac
    read -r -a s <<<"$(printf '%s\n' "$out" | sed -n "s/^$measure //p" | stats)"
    echo "| $label | $runs | ${s[0]} | ${s[1]} | ${s[2]} |"
  done
  decide_median=$(printf '%s\n' "$out" | sed -n 's/^decide //p' | median)
  get_median=$(printf '%s\n' "$out" | sed -n 's/^single-get //p' | median)
  r=$(ratio "$decide_median" "$get_median")
  echo "| **Ratio of medians** (decision / one GET) | | | **${r}x** | |"
  echo
  summary+=("| Decision to page (webhook, loopback) | < 200 ms | ${decide_median} ms | $(awk -v m="$decide_median" 'BEGIN { print (m < 200 ? "met" : "**not met**") }') |")
}

echo "## Member Desk benchmarks"
echo
echo "$runs runs after one warm-up; Xvfb 1280x1024x24, GTK_A11Y=none; $(nproc) CPUs;" \
  "GTK $(pkg-config --modversion gtk4 2>/dev/null || echo '?')," \
  "libadwaita $(pkg-config --modversion libadwaita-1 2>/dev/null || echo '?')."
echo

if [ -z "$only" ] || [ "$only" = start ]; then
  bench_start
fi
if [ -z "$only" ] || [ "$only" = open ]; then
  bench_open
fi
if [ -z "$only" ] || [ "$only" = decide ]; then
  bench_decide
fi

echo "### Targets"
echo
echo "| Measure | Target | Measured | Result |"
echo "| --- | --- | --- | --- |"
printf '%s\n' "${summary[@]}"
