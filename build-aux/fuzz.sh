#!/usr/bin/env bash
# fuzz.sh: builds the libFuzzer targets with clang and runs each for a while
#
# Copyright 2026 The Member Desk authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: build-aux/fuzz.sh [--seconds N] [--build DIR]
#
# Configures DIR (default: _build-fuzz in the source tree) with CC=clang
# and -Dfuzzing=true, builds the targets of tests/fuzz/ (the core with
# AddressSanitizer, UndefinedBehaviorSanitizer and the fuzzer's coverage),
# then:
#   - runs every input in tests/fuzz/regressions/NAME/ once through
#     fuzz-NAME: each once crashed it;
#   - runs each fuzz-NAME for N seconds (default 20) over a temporary copy
#     of tests/fuzz/corpus/NAME/, with tests/fuzz/NAME.dict when there is
#     one. The repository is never written to.
# Prints a table (target, runs, seconds, result) and exits non-zero when a
# target crashed, leaked, hit undefined behaviour, hung (-timeout=5) or
# grew past 2 GiB. The inputs that did it and the logs are kept and named.
set -euo pipefail

usage () {
  echo "usage: $0 [--seconds N] [--build DIR]" >&2
  exit 2
}

source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=$source_dir/_build-fuzz
seconds=20

while [ $# -gt 0 ]; do
  case $1 in
    --seconds) seconds=${2:-}; shift 2 || usage ;;
    --build) build_dir=${2:-}; shift 2 || usage ;;
    -h|--help) usage ;;
    *) usage ;;
  esac
done
[[ $seconds =~ ^[1-9][0-9]*$ ]] || usage
[ -n "$build_dir" ] || usage

for tool in clang meson; do
  if ! command -v "$tool" >/dev/null; then
    echo "$0: $tool is needed" >&2
    exit 1
  fi
done

fuzz_dir=$source_dir/tests/fuzz
targets=()
for source in "$fuzz_dir"/fuzz-*.c; do
  name=${source##*/fuzz-}
  targets+=("${name%.c}")
done

started=$(date +%s)

if [ -f "$build_dir/build.ninja" ]; then
  meson configure "$build_dir" -Dfuzzing=true -Db_lundef=false -Dcontract_tests=disabled >/dev/null
else
  CC=clang meson setup "$build_dir" "$source_dir" \
    -Dfuzzing=true -Db_lundef=false -Dcontract_tests=disabled >/dev/null
fi
meson compile -C "$build_dir" "${targets[@]/#/tests/fuzz/fuzz-}" >/dev/null

built=$(date +%s)
echo "Built ${#targets[@]} targets in $((built - started)) s ($build_dir)"

work=$(mktemp -d "${TMPDIR:-/tmp}/member-desk-fuzz.XXXXXX")
failed=0
rows=()

# GSlice would hide leaked objects from LeakSanitizer (GLib 2.74).
export G_SLICE=always-malloc
export UBSAN_OPTIONS=print_stacktrace=1

# The result of one run from its exit status and log.
classify () {
  local status=$1 log=$2

  if [ "$status" -eq 0 ]; then
    echo ok
  elif grep -q 'ERROR: libFuzzer: timeout' "$log"; then
    echo timeout
  elif grep -q 'ERROR: libFuzzer: out-of-memory' "$log"; then
    echo out-of-memory
  elif grep -q 'ERROR: LeakSanitizer' "$log"; then
    echo leak
  elif grep -q 'runtime error:' "$log"; then
    echo undefined-behaviour
  else
    echo crash
  fi
}

for name in "${targets[@]}"; do
  exe=$build_dir/tests/fuzz/fuzz-$name
  regressions=("$fuzz_dir/regressions/$name"/*)
  artifacts=$work/artifacts/$name
  mkdir -p "$artifacts"

  if [ -e "${regressions[0]}" ]; then
    log=$work/$name-regressions.log
    start=$(date +%s)
    status=0
    "$exe" -timeout=5 -rss_limit_mb=2048 -artifact_prefix="$artifacts/" \
      "${regressions[@]}" >"$log" 2>&1 || status=$?
    result=$(classify "$status" "$log")
    rows+=("$(printf '%-22s %10s %8s  %s' "$name (regressions)" "${#regressions[@]}" \
              "$(($(date +%s) - start))" "$result")")
    if [ "$result" != ok ]; then
      failed=1
      echo "fuzz-$name: a regression input fails again: $log" >&2
    fi
  fi

  corpus=$work/corpus/$name
  mkdir -p "$corpus"
  cp -R "$fuzz_dir/corpus/$name/." "$corpus/"
  dict=()
  if [ -f "$fuzz_dir/$name.dict" ]; then
    dict=(-dict="$fuzz_dir/$name.dict")
  fi

  log=$work/$name.log
  start=$(date +%s)
  status=0
  "$exe" -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$artifacts/" "${dict[@]}" "$corpus" >"$log" 2>&1 || status=$?
  result=$(classify "$status" "$log")
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  rows+=("$(printf '%-22s %10s %8s  %s' "$name" "${runs:-?}" "$(($(date +%s) - start))" "$result")")
  if [ "$result" != ok ]; then
    failed=1
    echo "fuzz-$name: $result, see $log and $artifacts" >&2
  fi
done

echo
printf '%-22s %10s %8s  %s\n' target runs seconds result
for row in "${rows[@]}"; do
  echo "$row"
done
echo
echo "Total: $(($(date +%s) - started)) s including the build"

if [ "$failed" -ne 0 ]; then
  echo "Failed. Logs, and the inputs that failed, are in $work" >&2
  echo "Add each input to tests/fuzz/regressions/NAME/ once it is fixed." >&2
  exit 1
fi

rm -rf "$work"
