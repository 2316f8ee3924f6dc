#!/usr/bin/env bash
# quickstart.sh: install what is missing, build, then start the demo or run the tests
#
# Copyright 2026 The Member Desk authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: build-aux/quickstart.sh demo [ARGS...]   build and start the app on the demo backend
#        build-aux/quickstart.sh test             build and run the whole test suite headless
#
# Made for Debian 12. As root it installs missing packages with apt-get; as
# another user it prints the command to run. CI=true turns warnings into
# errors, makes the contract test mandatory and adds the quality checks
# (sanitizers, valgrind, cppcheck, a short fuzz run). MD_BUILD_DIR
# overrides the build directory (default: _build).
set -euo pipefail

usage () {
  echo "usage: $0 demo [ARGS...] | test" >&2
  exit 2
}

[ $# -ge 1 ] || usage
command=$1
shift
case $command in
  demo|test) ;;
  *) usage ;;
esac

cd "$(dirname "${BASH_SOURCE[0]}")/.."
build_dir=${MD_BUILD_DIR:-_build}
in_ci=false
[ "${CI:-}" = true ] && in_ci=true

say () {
  printf '==> %s\n' "$*"
}

# Debian packages: the list of PLATFORM.md plus what this script and the
# data-files and contract tests use.
packages=(
  build-essential meson ninja-build pkg-config gettext
  libgtk-4-dev libadwaita-1-dev libsoup-3.0-dev libjson-glib-dev libcairo2-dev
  librsvg2-dev libsecret-1-dev iso-codes
  desktop-file-utils appstream-util appstream gsettings-desktop-schemas
  xvfb xauth dbus-x11 at-spi2-core x11-utils
  librsvg2-bin curl python3
)
# The quality checks CI runs (-Dquality_tests=enabled): memcheck, cppcheck,
# and for the fuzz run clang with its libFuzzer and sanitizer runtimes,
# which Debian 12 packages apart (libclang-rt-14-dev, only recommended by
# clang). The sanitizers of the asan run come with GCC.
if $in_ci; then
  packages+=(valgrind cppcheck clang libclang-rt-14-dev)
fi
# The base image may bring its own Node.js; Debian's would conflict with it.
if ! command -v node >/dev/null 2>&1; then
  packages+=(nodejs npm)
fi
# Installed without recommends, which would pull in much of a desktop:
# gnome-keyring is the Secret Service the libsecret tests start, and
# flatpak-builder checks the manifests.
bare_packages=(gnome-keyring flatpak-builder)

# Prints those of the named packages that are not installed, one a line.
missing_of () {
  local installed p
  installed=$(dpkg-query -W -f='${Package} ${db:Status-Abbrev}\n' "$@" 2>/dev/null \
              | awk '$2 == "ii" { print $1 }' || true)
  for p in "$@"; do
    if ! grep -qx -- "$p" <<<"$installed"; then
      echo "$p"
    fi
  done
}

install_packages () {
  if ! command -v dpkg-query >/dev/null 2>&1; then
    say "not a Debian system: make sure the equivalents of these are installed: ${packages[*]} ${bare_packages[*]}"
    return
  fi

  local missing=() missing_bare=()
  mapfile -t missing < <(missing_of "${packages[@]}")
  mapfile -t missing_bare < <(missing_of "${bare_packages[@]}")
  [ ${#missing[@]} -eq 0 ] && [ ${#missing_bare[@]} -eq 0 ] && return

  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing packages: ${missing[*]} ${missing_bare[*]}" >&2
    echo "Install them with:" >&2
    echo "  sudo apt-get update" >&2
    if [ ${#missing[@]} -gt 0 ]; then
      echo "  sudo DEBIAN_FRONTEND=noninteractive apt-get install -y ${missing[*]}" >&2
    fi
    if [ ${#missing_bare[@]} -gt 0 ]; then
      echo "  sudo DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing_bare[*]}" >&2
    fi
    echo "then run $0 $command again (or run it as root)." >&2
    exit 1
  fi

  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q -o Acquire::Retries=3 </dev/null
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]}"
    apt-get install -y -q -o Dpkg::Use-Pty=0 -o Acquire::Retries=3 "${missing[@]}" </dev/null
  fi
  if [ ${#missing_bare[@]} -gt 0 ]; then
    say "installing ${missing_bare[*]} without recommends"
    apt-get install -y -q --no-install-recommends -o Dpkg::Use-Pty=0 -o Acquire::Retries=3 \
      "${missing_bare[@]}" </dev/null
  fi
}

configure_and_build () {
  local options=()
  if $in_ci; then
    options+=(-Dwerror=true -Dcontract_tests=enabled -Dquality_tests=enabled)
  fi
  if [ -f "$build_dir/meson-private/coredata.dat" ]; then
    say "reconfiguring $build_dir"
    meson setup --reconfigure "$build_dir" ${options[@]+"${options[@]}"}
  else
    say "configuring $build_dir"
    meson setup "$build_dir" ${options[@]+"${options[@]}"}
  fi
  say "building"
  meson compile -C "$build_dir"
}

install_contract_deps () {
  local dir=tests/contract stamp=tests/contract/node_modules/.md-installed-lock
  if ! command -v npm >/dev/null 2>&1; then
    if $in_ci; then
      echo "npm is not installed: the contract test cannot run, and CI requires it." >&2
      exit 1
    fi
    say "npm is not installed: the contract test will be skipped (install npm to run it)"
    return
  fi
  # npm ci wipes node_modules; skip it when the lock file is what was installed.
  if [ -x "$dir/node_modules/.bin/prism" ] && cmp -s "$dir/package-lock.json" "$stamp"; then
    say "contract test dependencies are up to date"
    return
  fi
  say "installing the contract test dependencies (npm ci)"
  (cd "$dir" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=warn </dev/null)
  cp "$dir/package-lock.json" "$stamp"
}

summarize () {
  python3 - "$build_dir/meson-logs/testlog.json" <<'PY'
import json
import sys

passed = failed = skipped = 0
try:
    with open(sys.argv[1], encoding='utf-8') as log:
        for line in log:
            line = line.strip()
            if not line:
                continue
            result = json.loads(line).get('result')
            if result in ('OK', 'EXPECTEDFAIL'):
                passed += 1
            elif result == 'SKIP':
                skipped += 1
            else:
                failed += 1
except FileNotFoundError:
    pass
summary = '%d passed, %d failed' % (passed, failed)
if skipped:
    summary += ', %d skipped' % skipped
print(summary)
sys.exit(0 if passed > 0 and failed == 0 else 1)
PY
}

run_tests () {
  install_contract_deps
  rm -f "$build_dir/meson-logs/testlog.json"
  say "running the test suite headless"
  local status=0
  dbus-run-session -- xvfb-run -a -s "-screen 0 1280x1024x24 -nolisten tcp" \
    meson test -C "$build_dir" --print-errorlogs </dev/null || status=$?
  local summary_status=0
  summarize || summary_status=$?
  if [ $status -ne 0 ] || [ $summary_status -ne 0 ]; then
    exit 1
  fi
}

run_demo () {
  if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    echo "No display found: start the demo from a graphical session." >&2
    echo "(Built app: GSETTINGS_SCHEMA_DIR=$build_dir/data $build_dir/src/member-desk --demo)" >&2
    exit 1
  fi
  say "starting Member Desk on the demo backend"
  GSETTINGS_SCHEMA_DIR="$PWD/$build_dir/data" exec "$build_dir/src/member-desk" --demo "$@"
}

install_packages
configure_and_build
case $command in
  demo) run_demo "$@" ;;
  test) run_tests ;;
esac
