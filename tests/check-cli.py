#!/usr/bin/env python3
# check-cli.py: the command lines against their manual pages, and --version
#
# Copyright 2026 The Member Desk authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-cli.py --version VERSION PROGRAM PAGE [PROGRAM PAGE...]
#
# For each program, the options its --help lists and the options its manual
# page documents under OPTIONS must be the same, with the same short names
# and argument names. Prints TAP.

import argparse
import os
import re
import shutil
import subprocess
import sys

from mdtap import Tap

# "  -p, --port=PORT       Port to ..." or "  --demo    Start ..."
HELP_OPTION = re.compile(r'^\s+(?:-(?P<short>\w), )?--(?P<long>[a-z][a-z0-9-]*)(?:=(?P<arg>\S+))?(?:\s|$)')
# In a tag line once the troff is gone: "-p, --port=PORT" or "--demo"
PAGE_OPTION = re.compile(r'(?:^|[\s,])(?:-(?P<short>\w)|--(?P<long>[a-z][a-z0-9-]*)(?:=(?P<arg>\w+))?)(?=[\s,]|$)')


def run(argv, **kwargs):
    return subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, timeout=30, **kwargs)


def help_options(text):
    """{long: (short, arg)} for every option line of a --help output."""
    options = {}
    for line in text.splitlines():
        match = HELP_OPTION.match(line)
        if match:
            options[match.group('long')] = (match.group('short'), match.group('arg'))
    return options


def untroff(line):
    """The text of a man(7) macro line, fonts and escapes removed."""
    line = line.rstrip('\n')
    macro = None
    if line.startswith('.'):
        parts = line.split(None, 1)
        macro = parts[0][1:]
        line = parts[1] if len(parts) > 1 else ''
    line = re.sub(r'\\f(\[[^]]*\]|\(..|.)', '', line)
    line = line.replace('\\-', '-').replace('\\(dq', '"').replace('\\~', ' ').replace('\\&', '')
    if macro in ('BR', 'RB', 'BI', 'IB', 'IR', 'RI'):
        # Alternating fonts: the arguments are written without spaces between.
        return ''.join(a.strip('"') for a in re.findall(r'"[^"]*"|\S+', line))
    return line.replace('"', '')


def page_options(text):
    """({long: (short, arg)}, problems) from the tag lines of the OPTIONS section."""
    options = {}
    problems = []
    lines = text.splitlines()
    in_options = False
    for i, line in enumerate(lines):
        if line.startswith('.SH'):
            in_options = line.split(None, 1)[1:] == ['OPTIONS']
            continue
        if not in_options or line not in ('.TP', '.TQ') or i + 1 >= len(lines):
            continue
        tag = untroff(lines[i + 1])
        short = None
        found = False
        for match in PAGE_OPTION.finditer(tag):
            if match.group('short'):
                short = match.group('short')
                continue
            long = match.group('long')
            if long in options:
                problems.append('--%s is documented twice' % long)
            options[long] = (short, match.group('arg'))
            found = True
        if not found:
            problems.append('tag without a long option: %r' % tag)
    return options, problems


def describe(long, spec):
    short, arg = spec
    return '%s--%s%s' % ('-%s, ' % short if short else '', long, '=' + arg if arg else '')


def check_program(tap, program, page, env):
    name = os.path.basename(program)

    result = run([program, '--help'], env=env)
    tap.result(result.returncode == 0 and 'Usage:' in result.stdout,
               '%s --help exits 0 and prints a usage' % name,
               ['exit status %d' % result.returncode] + result.stderr.splitlines()[:5])
    from_help = help_options(result.stdout)

    with open(page, encoding='utf-8') as f:
        text = f.read()
    from_page, problems = page_options(text)
    tap.result(not problems and from_page, '%s: the OPTIONS section of %s parses'
               % (name, os.path.basename(page)), problems)

    for long in sorted(from_help):
        documented = from_page.get(long)
        tap.result(documented == from_help[long],
                   '%s: %s is documented as in --help' % (name, describe(long, from_help[long])),
                   ['the page has ' + (describe(long, documented) if documented else 'nothing')])
    for long in sorted(set(from_page) - set(from_help)):
        tap.result(False, '%s: --%s of the page is an option of the program' % (name, long),
                   ['--help does not list it'])

    # Anything else would only be noise in `man` and lintian.
    if shutil.which('groff'):
        lint = run(['groff', '-man', '-ww', '-z', '-t', page], env=env)
        tap.result(lint.returncode == 0 and not lint.stderr.strip(),
                   '%s renders without groff warnings' % os.path.basename(page),
                   lint.stderr.splitlines())
    else:
        tap.skip('%s renders without groff warnings' % os.path.basename(page),
                 'groff is not installed')

    return text


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--version', required=True)
    parser.add_argument('pairs', nargs='+', metavar='PROGRAM PAGE')
    args = parser.parse_args()
    if len(args.pairs) % 2:
        parser.error('programs and pages come in pairs')

    env = dict(os.environ)
    # --help and --version must work without any display or session bus.
    for var in ('DISPLAY', 'WAYLAND_DISPLAY', 'DBUS_SESSION_BUS_ADDRESS'):
        env.pop(var, None)
    env['LANGUAGE'] = 'en'
    env['LC_ALL'] = 'C.UTF-8'

    tap = Tap()
    app = None
    for program, page in zip(args.pairs[0::2], args.pairs[1::2]):
        text = check_program(tap, program, page, env)
        title = re.search(r'^\.TH .*"Member Desk ([^"]+)"', text, re.M)
        tap.result(title is not None and title.group(1) == args.version,
                   '%s names version %s' % (os.path.basename(page), args.version),
                   ['.TH says %s' % (title.group(1) if title else 'no version')])
        if os.path.basename(program) == 'member-desk':
            app = program

    if app is not None:
        result = run([app, '--version'], env=env)
        expected = 'member-desk %s\n' % args.version
        tap.result(result.returncode == 0 and result.stdout == expected,
                   'member-desk --version prints %r' % expected.strip(),
                   ['exit status %d, output %r' % (result.returncode, result.stdout)])

        # Refused before anything starts: no display is needed to say so. (0 is
        # not among them: GApplication cannot tell --customer=0 from no option.)
        for bad in ('--customer=-3', '--customer=abc'):
            result = run([app, bad], env=env)
            tap.result(result.returncode == 1 and 'customer' in result.stderr
                       and 'display' not in result.stderr and not result.stdout,
                       'member-desk %s is refused with exit status 1 and a message' % bad,
                       ['exit status %d, stderr %r' % (result.returncode, result.stderr)])

    return tap.done()


if __name__ == '__main__':
    sys.exit(main())
