#!/usr/bin/env python3
# check-flatpak.py: the Flatpak manifests keep to the permissions and profiles we promise
#
# Copyright 2026 The Member Desk authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-flatpak.py MANIFEST...
#
# No Flatpak runtime can be downloaded where the tests run, so this reads the
# manifests: exactly the sandbox permissions the app needs, an application id
# that follows the build profile, tests that run offline and headless. When
# flatpak-builder is installed, its parser must accept them without a warning.
# Prints TAP.

import json
import os
import re
import shutil
import subprocess
import sys

from mdtap import Tap

APP_ID = 'io.github.memberdesk.MemberDesk'
# Network for the studio, wayland or X11, GL; secrets go through the portal,
# and there is no file to open or save, so no filesystem access at all.
FINISH_ARGS = [
    '--share=network',
    '--share=ipc',
    '--socket=wayland',
    '--socket=fallback-x11',
    '--device=dri',
]
# GNOME 43 brought GTK 4.8 and libadwaita 1.2, the versions the code is pinned to.
OLDEST_RUNTIME = 43


def meson_options(module):
    """{name: value} of the -Dname=value config options of a meson module."""
    options = {}
    for opt in module.get('config-opts', []):
        match = re.fullmatch(r'-D([\w-]+)=(.*)', opt)
        if match:
            options[match.group(1)] = match.group(2)
    return options


def check_manifest(tap, path):
    name = os.path.basename(path)
    try:
        with open(path, encoding='utf-8') as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        tap.result(False, '%s is valid JSON' % name, [str(e)])
        return None
    tap.result(True, '%s is valid JSON' % name)

    app_id = manifest.get('id', manifest.get('app-id'))
    tap.result(name == '%s.json' % app_id, '%s: the file is named after the id %s' % (name, app_id))

    finish_args = manifest.get('finish-args', [])
    tap.result(finish_args == FINISH_ARGS, '%s: finish-args are exactly %s' % (name, ' '.join(FINISH_ARGS)),
               ['found: %s' % ' '.join(finish_args)])
    broad = [a for a in finish_args if a.startswith(('--filesystem', '--socket=x11', '--socket=session-bus',
                                                     '--socket=system-bus', '--device=all', '--talk-name'))]
    tap.result(not broad, '%s: no filesystem, bus or device access beyond that' % name, broad)

    version = str(manifest.get('runtime-version', ''))
    tap.result(manifest.get('runtime') == 'org.gnome.Platform' and manifest.get('sdk') == 'org.gnome.Sdk'
               and version.isdigit() and int(version) >= OLDEST_RUNTIME,
               '%s: a stable GNOME runtime and its SDK' % name,
               ['runtime %s//%s, sdk %s' % (manifest.get('runtime'), version, manifest.get('sdk'))])
    tap.result(manifest.get('command') == 'member-desk', '%s: the command is member-desk' % name)

    modules = manifest.get('modules', [])
    module = modules[-1] if modules and isinstance(modules[-1], dict) else {}
    tap.result(module.get('name') == 'member-desk' and module.get('buildsystem') == 'meson',
               '%s: the last module builds member-desk with meson' % name)

    options = meson_options(module)
    profile = options.get('profile', 'default')
    expected_id = APP_ID + '.Devel' if profile == 'development' else APP_ID
    tap.result(profile in ('default', 'development') and app_id == expected_id,
               '%s: the id %s follows the profile %s' % (name, app_id, profile),
               ['expected %s' % expected_id])

    # The contract test needs node_modules from the npm registry: not offline.
    tap.result(module.get('run-tests') is True and options.get('tests', 'true') == 'true'
               and options.get('contract_tests') == 'disabled',
               '%s: the tests run during the build, without the contract test' % name,
               ['run-tests %s, options %s' % (module.get('run-tests'), options)])
    test_args = module.get('build-options', {}).get('test-args', []) + \
        manifest.get('build-options', {}).get('test-args', [])
    commands = module.get('test-commands', [])
    headless = module.get('test-rule') == '' and commands and \
        all('--no-suite ui' in c or ('--suite' in c and '--suite ui' not in c) for c in commands)
    tap.result(not any('network' in a for a in test_args) and bool(headless),
               '%s: the tests run offline and leave out the ui suite (no display in the sandbox)' % name,
               ['test-args %s, test-rule %r, test-commands %s' % (test_args, module.get('test-rule'), commands)])

    here = os.path.dirname(os.path.abspath(path))
    dirs = [s for s in module.get('sources', []) if s.get('type') == 'dir']
    tap.result(len(dirs) == 1 and os.path.isfile(os.path.join(here, dirs[0].get('path', ''), 'meson.build')),
               '%s: the source is this checkout' % name)

    if shutil.which('flatpak-builder'):
        result = subprocess.run(['flatpak-builder', '--show-manifest', path], stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, universal_newlines=True, timeout=60)
        warnings = [line for line in result.stdout.splitlines() if 'WARNING' in line.upper()]
        tap.result(result.returncode == 0 and not warnings,
                   '%s: flatpak-builder --show-manifest accepts it without warnings' % name,
                   warnings + (result.stdout.splitlines()[-5:] if result.returncode else []))
    else:
        tap.skip('%s: flatpak-builder --show-manifest accepts it without warnings' % name,
                 'flatpak-builder is not installed')

    return manifest


def main():
    if len(sys.argv) < 2:
        print('usage: %s MANIFEST...' % sys.argv[0], file=sys.stderr)
        return 2

    tap = Tap()
    manifests = [m for m in (check_manifest(tap, path) for path in sys.argv[1:]) if m is not None]

    ids = sorted(m.get('id', m.get('app-id')) for m in manifests)
    tap.result(ids == [APP_ID, APP_ID + '.Devel'], 'a release and a development manifest', ['ids: %s' % ids])
    runtimes = {(m.get('runtime'), str(m.get('runtime-version'))) for m in manifests}
    tap.result(len(runtimes) == 1, 'both build on the same runtime', ['%s//%s' % r for r in sorted(runtimes)])

    return tap.done()


if __name__ == '__main__':
    sys.exit(main())
