#!/usr/bin/env python3
# check-install.py: install the build into a temporary directory and check the tree
#
# Copyright 2026 The Member Desk authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-install.py --meson MESON --build-root DIR --prefix P --bindir D
#          --datadir D --localedir D --mandir D --app-id ID --version V
#
# Runs `meson install --destdir` (without rebuilding) and checks that what a
# package or a Flatpak gets is complete and named after the application id.
# Prints TAP.

import argparse
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

from mdtap import Tap

GETTEXT_MAGIC = (0x950412de, 0xde120495)


def run(argv, **kwargs):
    return subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True, **kwargs)


def parse_xml(path):
    try:
        return ET.parse(path).getroot(), None
    except (ET.ParseError, OSError) as e:
        return None, str(e)


def check_tree(tap, args, root):
    def installed(*parts):
        return os.path.join(root, *parts)

    bindir = installed(args.bindir)
    datadir = installed(args.datadir)
    app_id = args.app_id

    # Programs: exactly the two, and the installed app runs.
    programs = sorted(os.listdir(bindir)) if os.path.isdir(bindir) else []
    tap.result(programs == ['member-desk', 'member-desk-demo-server'],
               'bin holds member-desk and member-desk-demo-server, nothing else',
               ['bin holds %s' % programs])
    for program in programs:
        path = os.path.join(bindir, program)
        tap.result(os.access(path, os.X_OK), '%s is executable' % program)
    app = os.path.join(bindir, 'member-desk')
    if os.access(app, os.X_OK):
        env = {k: v for k, v in os.environ.items() if k not in ('DISPLAY', 'WAYLAND_DISPLAY')}
        result = run([app, '--version'], env=env, timeout=30)
        tap.result(result.returncode == 0 and result.stdout == 'member-desk %s\n' % args.version,
                   'the installed member-desk --version runs',
                   ['exit status %d, output %r' % (result.returncode, result.stdout)])

    # Desktop entry.
    desktop = os.path.join(datadir, 'applications', app_id + '.desktop')
    if tap.result(os.path.isfile(desktop), 'applications/%s.desktop' % app_id):
        with open(desktop, encoding='utf-8') as f:
            entries = dict(line.rstrip('\n').split('=', 1) for line in f
                           if '=' in line and not line.startswith('#'))
        tap.result(entries.get('Icon') == app_id and entries.get('Exec', '').split()[:1] == ['member-desk'],
                   'the desktop entry starts member-desk with the icon %s' % app_id,
                   ['Icon=%s Exec=%s' % (entries.get('Icon'), entries.get('Exec'))])
        tap.result('Name[de]' in entries and 'Comment[de]' in entries,
                   'the desktop entry is translated into German')
        if shutil.which('desktop-file-validate'):
            result = run(['desktop-file-validate', desktop], timeout=60)
            tap.result(result.returncode == 0 and not result.stdout.strip(),
                       'the installed desktop entry validates', result.stdout.splitlines())

    # AppStream metainfo.
    metainfo = os.path.join(datadir, 'metainfo', app_id + '.metainfo.xml')
    if tap.result(os.path.isfile(metainfo), 'metainfo/%s.metainfo.xml' % app_id):
        component, error = parse_xml(metainfo)
        ok = component is not None and component.findtext('id') == app_id
        launchable = component.find('launchable') if component is not None else None
        ok = ok and launchable is not None and launchable.text == app_id + '.desktop'
        tap.result(ok, 'the metainfo id and launchable follow %s' % app_id, [error] if error else [])
        if component is not None:
            # Every text a software centre shows has its German beside it.
            lang = '{http://www.w3.org/XML/1998/namespace}lang'
            untranslated = []
            for parent in component.iter():
                for tag in ('name', 'summary', 'p', 'li', 'caption'):
                    source = [c for c in parent if c.tag == tag and c.get(lang) is None]
                    german = [c for c in parent if c.tag == tag and c.get(lang) == 'de']
                    if len(german) != len(source):
                        untranslated += [c.text or '' for c in source]
            tap.result(not untranslated, 'the metainfo is translated into German', untranslated)

    # Icons.
    for kind, name in (('scalable', app_id + '.svg'), ('symbolic', app_id + '-symbolic.svg')):
        icon = os.path.join(datadir, 'icons', 'hicolor', kind, 'apps', name)
        svg, error = parse_xml(icon)
        tap.result(svg is not None and svg.tag.endswith('svg'),
                   'icons/hicolor/%s/apps/%s is an SVG' % (kind, name), [error] if error else [])

    # GSettings schema: the id is the application id, and it compiles.
    schemadir = os.path.join(datadir, 'glib-2.0', 'schemas')
    schema = os.path.join(schemadir, app_id + '.gschema.xml')
    schemalist, error = parse_xml(schema)
    ids = [s.get('id') for s in schemalist.findall('schema')] if schemalist is not None else []
    tap.result(ids == [app_id], 'glib-2.0/schemas/%s.gschema.xml declares %s' % (app_id, app_id),
               [error or 'schema ids: %s' % ids])
    compiler = shutil.which('glib-compile-schemas')
    if compiler and schemalist is not None:
        result = run([compiler, '--strict', '--dry-run', schemadir], timeout=60)
        tap.result(result.returncode == 0, 'the installed schemas compile with --strict',
                   result.stdout.splitlines())

    # Translations.
    mo = os.path.join(installed(args.localedir), 'de', 'LC_MESSAGES', 'member-desk.mo')
    try:
        with open(mo, 'rb') as f:
            magic, = struct.unpack('<I', f.read(4))
    except (OSError, struct.error) as e:
        magic, error = None, str(e)
    else:
        error = 'magic number %#x' % magic
    tap.result(magic in GETTEXT_MAGIC, 'locale/de/LC_MESSAGES/member-desk.mo is a gettext catalogue',
               [error])

    # Manual pages, compressed or not.
    for page in ('member-desk.1', 'member-desk-demo-server.1'):
        base = os.path.join(installed(args.mandir), 'man1', page)
        tap.result(any(os.path.isfile(base + ext) for ext in ('', '.gz')), 'man1/%s' % page)

    # Nothing lands outside the prefix.
    prefix = os.path.normpath(installed(args.prefix))
    stray = []
    for dirpath, dirnames, filenames in os.walk(root):
        for name in filenames:
            path = os.path.join(dirpath, name)
            if not path.startswith(prefix + os.sep):
                stray.append(os.path.relpath(path, root))
    tap.result(not stray, 'everything is installed under %s' % args.prefix, stray[:10])


def main():
    parser = argparse.ArgumentParser()
    for option in ('meson', 'build-root', 'prefix', 'bindir', 'datadir', 'localedir', 'mandir',
                   'app-id', 'version'):
        parser.add_argument('--' + option, required=True)
    args = parser.parse_args()

    # bindir and friends are relative to the prefix unless configured absolute.
    for name in ('bindir', 'datadir', 'localedir', 'mandir'):
        setattr(args, name, os.path.join(args.prefix, getattr(args, name)).lstrip(os.sep))
    args.prefix = args.prefix.lstrip(os.sep)

    tap = Tap()
    with tempfile.TemporaryDirectory(prefix='md-install-') as destdir:
        # The tests run after the build: installing must not build again,
        # and must not touch the real prefix.
        result = run([args.meson, 'install', '-C', args.build_root, '--no-rebuild',
                      '--destdir', destdir], timeout=600)
        if not tap.result(result.returncode == 0, 'meson install --destdir succeeds',
                          result.stdout.splitlines()[-20:]):
            return tap.done()
        check_tree(tap, args, destdir)

    return tap.done()


if __name__ == '__main__':
    sys.exit(main())
