#!/usr/bin/env bash
# cppcheck.sh: static analysis of src/ with cppcheck
#
# Copyright 2026 The Member Desk authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: tests/quality/cppcheck.sh [--cppcheck CPPCHECK] SOURCE_ROOT BUILD_DIR
#
# BUILD_DIR has the generated config.h. Every finding fails: fix it, or
# for a false positive add a line to tests/quality/cppcheck.supp (or an
# inline `cppcheck-suppress` comment) saying why.
set -euo pipefail

cppcheck=cppcheck
if [ "${1:-}" = --cppcheck ]; then
  cppcheck=$2
  shift 2
fi
if [ $# -ne 2 ]; then
  echo "usage: $0 [--cppcheck CPPCHECK] SOURCE_ROOT BUILD_DIR" >&2
  exit 2
fi
build_dir=$(cd "$2" && pwd)
cd "$1"

"$cppcheck" --version
# The suppressions name files relative to the source root.
"$cppcheck" --quiet --error-exitcode=1 --inline-suppr \
  --enable=warning,style,performance,portability --std=c11 \
  --library=gtk --library=cairo --library=tests/quality/cppcheck.cfg \
  --suppressions-list=tests/quality/cppcheck.supp --suppress=missingIncludeSystem \
  -j "$(nproc)" \
  -I src/core -I src/ui -I src/demo -I "$build_dir" \
  src
echo "cppcheck: no findings in src/"
