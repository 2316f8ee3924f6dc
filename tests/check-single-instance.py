#!/usr/bin/env python3
# check-single-instance.py: a second launch hands its --customer to the first
#
# Copyright 2026 The Member Desk authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-single-instance.py PROGRAM
#
# Starts `PROGRAM --demo` on the session bus and display the test runs with,
# then `PROGRAM --customer 1002` and `PROGRAM --customer 1001`: each must
# hand over and quit, and the first instance's one window must then show that
# member (its title is the member's name, read from the X server with
# xwininfo). Prints TAP.

import os
import re
import shutil
import subprocess
import sys
import time

from mdtap import Tap

APP_ID = 'io.github.memberdesk.MemberDesk'


def window_titles():
    """The names of the X windows the app maps, as xwininfo lists them."""
    out = subprocess.run(['xwininfo', '-root', '-tree'], stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, universal_newlines=True, timeout=10).stdout
    names = re.findall(r'^\s+0x[0-9a-f]+ "([^"]*)": \("member-desk"', out, re.M)
    # GDK's client leader is an unmapped window named after the program.
    return [name for name in names if name != 'member-desk']


def wait_for(predicate, seconds=20.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    return predicate()


def bus_has_owner():
    out = subprocess.run(['gdbus', 'call', '--session', '--dest', 'org.freedesktop.DBus',
                          '--object-path', '/org/freedesktop/DBus',
                          '--method', 'org.freedesktop.DBus.NameHasOwner', APP_ID],
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                         universal_newlines=True, timeout=10).stdout
    return 'true' in out


def main():
    program = sys.argv[1]
    tap = Tap()

    if not os.environ.get('DISPLAY') or not shutil.which('xwininfo') or \
       not os.environ.get('DBUS_SESSION_BUS_ADDRESS'):
        print('1..0 # SKIP needs DISPLAY, a session bus and xwininfo (x11-utils)')
        return 0
    if bus_has_owner():
        print('1..0 # SKIP another %s already runs on this bus' % APP_ID)
        return 0

    env = dict(os.environ, GSETTINGS_BACKEND='memory')
    first = subprocess.Popen([program, '--demo'], env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             universal_newlines=True)
    try:
        tap.result(wait_for(bus_has_owner), 'the first launch owns %s' % APP_ID)
        tap.result(wait_for(lambda: 'Member Desk' in window_titles()),
                   'the first launch shows its window', [repr(window_titles())])

        for number, name in (('1002', 'Dr. Jonas Weber'), ('1001', 'Lena Hoffmann')):
            started = time.monotonic()
            second = subprocess.run([program, '--customer', number], env=env,
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                    universal_newlines=True, timeout=30)
            tap.result(second.returncode == 0,
                       'a second launch with --customer %s hands over and quits' % number,
                       [second.stderr.strip(), 'after %.1f s' % (time.monotonic() - started)])
            titles = wait_for(lambda: name in window_titles() and window_titles())
            tap.result(titles == [name],
                       'the first window, and only it, shows %s' % number, [repr(titles)])

        tap.result(first.poll() is None, 'the first instance still runs')
    finally:
        first.terminate()
        try:
            _, err = first.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            first.kill()
            _, err = first.communicate()
    tap.result('CRITICAL' not in err and 'WARNING' not in err,
               'the first instance logged no warnings', err.splitlines()[-5:])
    return tap.done()


if __name__ == '__main__':
    sys.exit(main())
