#!/usr/bin/env bash
# bench.sh: Member Desk's benchmarks, printed as Markdown tables
#
# Copyright 2026 The Member Desk authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: build-aux/bench.sh [BUILD_DIR] [--runs N]
#                           [--only start|memory|open|stalls|requests|decide]
#                           [--renderers "cairo gl"] [--latency-ms MS]
#
# start:    wall time from starting the process to its first painted frame,
#           for Member Desk with --demo (tests/bench/md-bench-app: main.c plus
#           a first-frame report) against a bare libadwaita window
#           (tests/bench/md-bench-bare), runs interleaved, one warm-up each.
# memory:   peak RSS (VmHWM) of Member Desk with --demo after opening member
#           1001 and painting each of its four pages, against the bare
#           window's at its first frame, runs interleaved.
# open:     in one process, opening a member (four pages, loaded
#           concurrently) against a single GET of one domain, with the same
#           server latency.
# stalls:   the longest gap between two frame-clock ticks while a member
#           loads (at the given latency and at 0 ms) and while a 900-point
#           signature is drawn on the pad, against the frame interval of the
#           idle window.
# requests: the requests each user flow makes, counted at the demo backend,
#           with its webhook (as shipped) and without.
# decide:   a studio decision reaching the page through the webhook.
#
# Runs in its own D-Bus session and Xvfb server, so nothing else on the
# display or bus takes part. Targets: start <= 1.15x, memory <= 1.3x, open
# <= 1.3x the baseline median; stalls <= 16 ms beyond the frame interval;
# requests exactly as the flow needs. The script reports; it exits non-zero
# only when a measurement could not be taken, never for a missed target.
set -euo pipefail

usage () {
  echo "usage: $0 [BUILD_DIR] [--runs N] [--only start|memory|open|stalls|requests|decide] [--renderers LIST] [--latency-ms MS]" >&2
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
case $only in ''|all|start|memory|open|stalls|requests|decide) ;; *) usage ;; esac
[[ $runs =~ ^[1-9][0-9]*$ ]] || usage
[[ $latency =~ ^[0-9]+$ ]] || usage
build_dir=$(cd "$build_dir" && pwd)

app=$build_dir/tests/bench/md-bench-app
bare=$build_dir/tests/bench/md-bench-bare
strokes=$source_dir/tests/data/signatures/long-900.strokes.json

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

# Says that WHAT failed, with what the programs wrote to standard error,
# and stops.
fail () {
  echo "bench.sh: $1 failed, see:" >&2
  cat "$log" >&2
  exit 1
}

# A Markdown table row of the arguments: "| A | B |", an empty cell "| |".
row () {
  local cell line=
  for cell in "$@"; do
    line+="| ${cell:+$cell }"
  done
  printf '%s|\n' "$line"
}

# A part's heading and the head of its table: TITLE COLUMN...
table () {
  local title=$1 column dashes=()
  shift
  for column in "$@"; do
    dashes+=(---)
  done
  echo "### $title"
  echo
  row "$@"
  row "${dashes[@]}"
}

# The values of the "MEASURE VALUE" lines in OUTPUT: values OUTPUT MEASURE.
values () {
  printf '%s\n' "$1" | sed -n "s/^$2 //p"
}

# Rows "| LABEL | RUNS | MIN | MEDIAN | MAX |" of the MEASUREs in OUTPUT:
# timing_rows OUTPUT MEASURE LABEL [MEASURE LABEL]...
timing_rows () {
  local out=$1 s
  shift
  while [ $# -gt 0 ]; do
    read -r -a s <<<"$(values "$out" "$1" | stats)"
    row "$2" "$runs" "${s[@]}"
    shift 2
  done
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

# A warm-up round (fontconfig and file caches), then $runs rounds, each
# starting the bare window with RENDERER and then running COMMAND; their
# lines go to $log.bare and $log.app: interleave RENDERER WHAT COMMAND...
interleave () {
  local renderer=$1 what=$2 run result
  shift 2
  : >"$log.bare"
  : >"$log.app"
  for run in $(seq 0 "$runs"); do
    result=$(start_once "$renderer" "$bare") || fail "bare window"
    [ "$run" -gt 0 ] && echo "$result" >>"$log.bare"
    result=$("$@") || fail "$what"
    [ "$run" -gt 0 ] && echo "$result" >>"$log.app"
  done
}

summary=()
start_rows=()

bench_start () {
  local renderer app_median bare_median r used
  for renderer in $renderers; do
    interleave "$renderer" md-bench-app start_once "$renderer" "$app" --demo
    # GTK falls back to cairo, silently, when GL cannot start.
    used=$(awk '{ print $4 }' "$log.app" "$log.bare" | sort -u | tr '\n' ' ')
    used=${used% }
    for which in bare app; do
      local label s inproc rss
      [ $which = bare ] && label="Bare libadwaita window" || label="member-desk --demo"
      read -r -a s <<<"$(awk '{ print $1 }' "$log.$which" | stats)"
      inproc=$(awk '{ print $2 }' "$log.$which" | median)
      rss=$(awk '{ print $3 / 1024 }' "$log.$which" | median)
      start_rows+=("$(row "$label" "$renderer ($used)" "$runs" "${s[@]}" "$inproc" "$rss")")
    done
    bare_median=$(awk '{ print $1 }' "$log.bare" | median)
    app_median=$(awk '{ print $1 }' "$log.app" | median)
    r=$(ratio "$app_median" "$bare_median")
    start_rows+=("$(row "**Ratio of medians**" "$renderer" "" "" "**${r}x**" "" "" "")")
    summary+=("| Start to first frame, GSK_RENDERER=$renderer | <= 1.15x | ${r}x | $(verdict "$r" 1.15) |")
  done

  table "Start to first painted frame" Program "GSK_RENDERER (renderer used)" Runs \
    "Min (ms)" "Median (ms)" "Max (ms)" "Median from main() (ms)" "Peak RSS (MiB)"
  printf '%s\n' "${start_rows[@]}"
  echo
}

# One start of Member Desk that then opens a member: prints
# "FIRST_FRAME_RSS_KB PEAK_RSS_KB RENDERER_TYPE", or fails.
open_rss_once () {
  local renderer=$1 out first peak
  out=$(GSK_RENDERER=$renderer timeout 60 "$app" --open-rss --demo 2>>"$log") || return 1
  first=$(values "$out" first-frame | awk '{ print $3 }')
  peak=$(values "$out" open-rss)
  [ -n "$first" ] && [ -n "$peak" ] || return 1
  printf '%s %s\n' "$first" "$peak"
}

memory_rows=()

bench_memory () {
  local renderer used s r bare_median open_median
  for renderer in $renderers; do
    interleave "$renderer" "md-bench-app --open-rss" open_rss_once "$renderer"
    used=$({ awk '{ print $4 }' "$log.bare"; awk '{ print $3 }' "$log.app"; } | sort -u | tr '\n' ' ')
    used=${used% }
    read -r -a s <<<"$(awk '{ print $3 / 1024 }' "$log.bare" | stats)"
    memory_rows+=("$(row "Bare libadwaita window, at its first frame" "$renderer ($used)" "$runs" "${s[@]}")")
    read -r -a s <<<"$(awk '{ print $1 / 1024 }' "$log.app" | stats)"
    memory_rows+=("$(row "member-desk --demo, at its first frame" "$renderer ($used)" "$runs" "${s[@]}")")
    read -r -a s <<<"$(awk '{ print $2 / 1024 }' "$log.app" | stats)"
    memory_rows+=("$(row "member-desk --demo, member 1001 open, all four pages painted" "$renderer ($used)" "$runs" "${s[@]}")")
    bare_median=$(awk '{ print $3 }' "$log.bare" | median)
    open_median=$(awk '{ print $2 }' "$log.app" | median)
    r=$(ratio "$open_median" "$bare_median")
    memory_rows+=("$(row "**Ratio of medians** (member open / bare window)" "$renderer" "" "" "**${r}x**" "")")
    summary+=("| Peak RSS after opening a member, GSK_RENDERER=$renderer | <= 1.3x | ${r}x | $(verdict "$r" 1.3) |")
  done

  table "Peak RSS (VmHWM) after opening a member" Program "GSK_RENDERER (renderer used)" Runs \
    "Min (MiB)" "Median (MiB)" "Max (MiB)"
  printf '%s\n' "${memory_rows[@]}"
  echo
}

bench_open () {
  local out r
  out=$(GSK_RENDERER=cairo timeout 600 "$app" --open --runs "$runs" --latency-ms "$latency" 2>>"$log") ||
    fail "md-bench-app --open"

  table "Opening member 1001 at ${latency} ms server latency (GSK_RENDERER=cairo)" \
    Measure Runs "Min (ms)" "Median (ms)" "Max (ms)"
  timing_rows "$out" \
    open-member "Open member: all four pages out of loading" \
    open-member-painted "Open member: until the frame that shows it" \
    single-get "One GET of one domain (contact)"
  r=$(ratio "$(values "$out" open-member | median)" "$(values "$out" single-get | median)")
  row "**Ratio of medians** (open / one GET)" "" "" "**${r}x**" ""
  echo
  summary+=("| Open member, four pages ($latency ms latency) | <= 1.3x | ${r}x | $(verdict "$r" 1.3) |")
}

# "met" when the median is within the limit; says so when the max is not.
stall_verdict () {
  awk -v m="$1" -v x="$2" -v l="$3" 'BEGIN {
    if (m == "-" || l == "-") print "not measured"
    else if (m > l) print "**not met**"
    else if (x > l) printf "met by the median; max %.1f ms over\n", x - l
    else print "met"
  }'
}

bench_stalls () {
  local renderer out used s interval limit events duration idle
  for renderer in $renderers; do
    out=$(GSK_RENDERER=$renderer timeout 1200 "$app" --stalls --runs "$runs" \
            --latency-ms "$latency" --strokes "$strokes" 2>>"$log") || fail "md-bench-app --stalls"
    used=$(values "$out" renderer)
    interval=$(values "$out" idle-interval | median)
    limit=$(awk -v i="$interval" 'BEGIN { printf "%.1f", i + 16 }')
    idle=$(values "$out" idle-longest | median)
    events=$(values "$out" sign-events | median | awk '{ printf "%d", $1 }')
    duration=$(values "$out" sign-ms | awk '{ print $1 / 1000 }' | median)

    table "Longest main-loop stall: gap between two frame-clock ticks (GSK_RENDERER=$renderer, $used)" \
      Measure Runs "Min (ms)" "Median (ms)" "Max (ms)" "Median / frame interval"
    read -r -a s <<<"$(values "$out" idle-interval | stats)"
    row "Frame interval, idle window (median gap of 30 frames)" "$runs" "${s[@]}" 1.00x
    local measures="idle-longest stall-open-$latency stall-open-0 stall-sign"
    [ "$latency" -gt 0 ] || measures="idle-longest stall-open-0 stall-sign"
    for measure in $measures; do
      local label r
      case $measure in
        idle-longest) label="Longest gap, idle window (30 frames)" ;;
        stall-open-0) label="Longest gap, opening member 1001 at 0 ms latency" ;;
        stall-open-*) label="Longest gap, opening member 1001 at $latency ms latency" ;;
        stall-sign) label="Longest gap, drawing a 900-point signature on 1002's bank page ($events events in ${duration} s)" ;;
      esac
      read -r -a s <<<"$(values "$out" "$measure" | stats)"
      r=$(ratio "${s[1]}" "$interval")
      row "$label" "$runs" "${s[@]}" "${r}x"
      case $measure in
        stall-open-0) label="opening a member (0 ms latency)" ;;
        stall-open-*) label="opening a member ($latency ms latency)" ;;
        stall-sign) label="drawing a signature" ;;
        *) continue ;;
      esac
      summary+=("| Longest stall, $label, GSK_RENDERER=$renderer | <= frame interval + 16 ms ($limit ms) | ${s[1]} ms median, ${r}x the interval (max ${s[2]} ms; idle window $idle ms) | $(stall_verdict "${s[1]}" "${s[2]}" "$limit") |")
    done
    echo
  done
}

# "1 POST + 1 DELETE + 4 GET + 2 other" from "GET POST DELETE OTHER";
# with "signed", "+4 GET" and "-1 GET".
format_counts () {
  awk -v signed="${1:-}" '{
    n = 0; text = ""
    split("POST DELETE GET other", name, " ")
    v["POST"] = $2; v["DELETE"] = $3; v["GET"] = $1; v["other"] = $4
    for (i = 1; i <= 4; i++)
      if (v[name[i]] != 0)
        text = text (n++ ? (signed ? ", " : " + ") : "") (signed && v[name[i]] > 0 ? "+" : "") v[name[i]] " " name[i]
    print (n ? text : "none")
  }'
}

bench_requests () {
  local out flow variant label where expected counted beyond results met_on met_off misses_on misses_off
  out=$(GSK_RENDERER=cairo timeout 1200 "$app" --requests --runs "$runs" 2>>"$log") ||
    fail "md-bench-app --requests"
  table "Requests per user flow, counted at the demo backend (GSK_RENDERER=cairo)" \
    Flow "Demo backend" Runs Expected Counted "Beyond expected" Result
  met_on=met
  met_off=met
  misses_on=
  misses_off=
  for variant in webhooks no-webhooks; do
    for flow in open save-instant save-reviewed withdraw; do
      case $flow in
        open) label="Open member 1001"; expected="4 0 0 0" ;;
        save-instant) label="Save, instant domain (1001's contact)"; expected="1 1 0 0" ;;
        save-reviewed) label="Save, reviewed domain (1002's address)"; expected="1 1 0 0" ;;
        withdraw) label="Withdraw that change"; expected="1 0 1 0" ;;
      esac
      [ $variant = webhooks ] && where="webhook on (as shipped)" || where="webhook off"
      # Every distinct count, with how many runs had it.
      results=$(printf '%s\n' "$out" |
        awk -v f="$flow" -v v="$variant" '$1 == "requests" && $2 == f && $3 == v { print $4, $5, $6, $7 }' |
        sort | uniq -c | sort -rn)
      [ -n "$results" ] || { echo "bench.sh: no request counts for $flow ($variant)" >&2; exit 1; }
      counted=
      beyond=
      while read -r n get post delete other; do
        local c d
        c=$(echo "$get $post $delete $other" | format_counts)
        d=$(echo "$get $post $delete $other $expected" |
          awk '{ printf "%d %d %d %d\n", $1 - $5, $2 - $6, $3 - $7, $4 - $8 }' | format_counts signed)
        [ "$n" -lt "$runs" ] && { c="$c ($n runs)"; d="$d ($n runs)"; }
        counted=${counted:+$counted; }$c
        beyond=${beyond:+$beyond; }$d
        if [ "$get $post $delete $other" != "$expected" ]; then
          if [ $variant = webhooks ]; then
            met_on="**not met**"
            misses_on=${misses_on:+$misses_on; }"$label: $c"
          else
            met_off="**not met**"
            misses_off=${misses_off:+$misses_off; }"$label: $c"
          fi
        fi
      done <<<"$results"
      local result=met
      [ "$beyond" = none ] || result="**not met**"
      [ $flow = save-instant ] && [ $variant = webhooks ] && [ "$beyond" != none ] &&
        beyond="$beyond (the CUSTOMER_UPDATED webhook: every page read again)"
      echo "| $label | $where | $runs | $(echo "$expected" | format_counts) | $counted | $beyond | $result |"
    done
  done
  echo
  summary+=("| Requests per flow, webhook off (the flows alone) | open 4 GET; save 1 POST + 1 GET; withdraw 1 DELETE + 1 GET | ${misses_off:-all four flows as expected} | $met_off |")
  summary+=("| Requests per flow, demo as shipped (webhook on) | the same | ${misses_on:-all four flows as expected} | $met_on |")
}

bench_decide () {
  local out decide_median r
  out=$(GSK_RENDERER=cairo timeout 600 "$app" --decide --runs "$runs" 2>>"$log") ||
    fail "md-bench-app --decide"
  table "A studio decision reaching the page (webhook, loopback, GSK_RENDERER=cairo)" \
    Measure Runs "Min (ms)" "Median (ms)" "Max (ms)"
  timing_rows "$out" \
    decide "Approval in the studio until the frame that shows it" \
    single-get "One GET of one domain (address)"
  decide_median=$(values "$out" decide | median)
  r=$(ratio "$decide_median" "$(values "$out" single-get | median)")
  row "**Ratio of medians** (decision / one GET)" "" "" "**${r}x**" ""
  echo
  summary+=("| Decision to page (webhook, loopback) | < 200 ms | ${decide_median} ms | $(awk -v m="$decide_median" 'BEGIN { print (m < 200 ? "met" : "**not met**") }') |")
}

echo "## Member Desk benchmarks"
echo
echo "$runs runs after one warm-up; Xvfb 1280x1024x24, GTK_A11Y=none; $(nproc) CPUs;" \
  "GTK $(pkg-config --modversion gtk4 2>/dev/null || echo '?')," \
  "libadwaita $(pkg-config --modversion libadwaita-1 2>/dev/null || echo '?');" \
  "load average at the start $(cut -d ' ' -f 1-3 /proc/loadavg 2>/dev/null || echo '?')."
echo

for part in start memory open stalls requests decide; do
  if [ -z "$only" ] || [ "$only" = $part ]; then
    "bench_$part"
  fi
done

table Targets Measure Target Measured Result
printf '%s\n' "${summary[@]}"
