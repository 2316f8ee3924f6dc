#!/usr/bin/env bash
# fuzz.sh: builds the libFuzzer targets with clang and runs each for a while
#
# Copyright 2026 The Member Desk authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: build-aux/fuzz.sh [--seconds N] [--build DIR]
#        build-aux/fuzz.sh --check
#
# Configures DIR (default: _build-fuzz in the source tree) with CC=clang,
# -Dfuzzing=true and warnings as errors, builds the targets of tests/fuzz/
# (the core with AddressSanitizer, UndefinedBehaviorSanitizer and the
# fuzzer's coverage), then:
#   - runs every input in tests/fuzz/regressions/NAME/ once through
#     fuzz-NAME: each once crashed it;
#   - runs each fuzz-NAME for N seconds (default 20) over a temporary copy
#     of tests/fuzz/corpus/NAME/, with tests/fuzz/NAME.dict when there is
#     one. The repository is never written to.
# Prints a table (target, runs, seconds, result) and exits non-zero when a
# target crashed, leaked, hit undefined behaviour, hung (-timeout=5) or
# grew past 2 GiB. The inputs that did it and the logs are kept and named.
#
# --check only says whether this machine can do that: clang and meson,
# and clang's libFuzzer and sanitizer runtimes, which Debian packages
# apart from clang (libclang-rt-14-dev on Debian 12). The `fuzz` test of
# -Dquality_tests=enabled runs it at configure time.
set -euo pipefail

usage () {
  echo "usage: $0 [--seconds N] [--build DIR] | --check" >&2
  exit 2
}

source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=$source_dir/_build-fuzz
seconds=20
check_only=false

while [ $# -gt 0 ]; do
  case $1 in
    --seconds) seconds=${2:-}; shift 2 || usage ;;
    --build) build_dir=${2:-}; shift 2 || usage ;;
    --check) check_only=true; shift ;;
    -h|--help) usage ;;
    *) usage ;;
  esac
done
[[ $seconds =~ ^[1-9][0-9]*$ ]] || usage
[ -n "$build_dir" ] || usage

# Whether clang links a fuzz target the way tests/fuzz/meson.build does.
check_toolchain () {
  local tool dir status=0

  for tool in clang meson; do
    if ! command -v "$tool" >/dev/null; then
      echo "$tool is needed and not installed" >&2
      return 1
    fi
  done

  dir=$(mktemp -d "${TMPDIR:-/tmp}/member-desk-fuzz-check.XXXXXX")
  printf '%s\n' '#include <stddef.h>' '#include <stdint.h>' \
    'int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);' \
    'int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size) { return 0; }' \
    >"$dir/check.c"
  if ! clang -fsanitize=fuzzer,address,undefined "$dir/check.c" -o "$dir/check" \
       >"$dir/log" 2>&1; then
    echo "clang cannot link a libFuzzer target with AddressSanitizer and UBSan;" \
         "are its runtimes installed (libclang-rt-14-dev on Debian 12)?" >&2
    sed 's/^/  /' "$dir/log" >&2
    status=1
  fi
  rm -rf "$dir"
  return $status
}

# Silent unless it fails; then all it printed, compiler errors included.
quietly () {
  local log status=0

  log=$(mktemp "${TMPDIR:-/tmp}/member-desk-fuzz-build.XXXXXX")
  "$@" >"$log" 2>&1 || status=$?
  if [ $status -ne 0 ]; then
    cat "$log" >&2
  fi
  rm -f "$log"
  return $status
}

if ! check_toolchain; then
  echo "$0: cannot build the fuzz targets here" >&2
  exit 1
fi
if $check_only; then
  echo "clang can build the fuzz targets"
  exit 0
fi

fuzz_dir=$source_dir/tests/fuzz
targets=()
for source in "$fuzz_dir"/fuzz-*.c; do
  name=${source##*/fuzz-}
  targets+=("${name%.c}")
done

started=$(date +%s)

options=(-Dfuzzing=true -Dwerror=true -Db_lundef=false
         -Dcontract_tests=disabled -Dquality_tests=disabled)
if [ -f "$build_dir/build.ninja" ]; then
  quietly meson configure "$build_dir" "${options[@]}"
else
  quietly env CC=clang meson setup "$build_dir" "$source_dir" "${options[@]}"
fi
quietly meson compile -C "$build_dir" "${targets[@]/#/tests/fuzz/fuzz-}"

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
    rows+=("$(printf '%-24s %10s %8s  %s' "$name (regressions)" "${#regressions[@]}" \
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
  rows+=("$(printf '%-24s %10s %8s  %s' "$name" "${runs:-?}" "$(($(date +%s) - start))" "$result")")
  if [ "$result" != ok ]; then
    failed=1
    echo "fuzz-$name: $result, see $log and $artifacts" >&2
  fi
done

echo
printf '%-24s %10s %8s  %s\n' target runs seconds result
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
