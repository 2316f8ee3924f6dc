# mdtap.py: TAP output for the Python checks
#
# Copyright 2026 The Member Desk authors
# SPDX-License-Identifier: GPL-3.0-or-later

import sys


class Tap:
    """Numbers results as they come; done() prints the plan last."""

    def __init__(self):
        self.count = 0
        self.failed = 0

    def result(self, ok, name, details=()):
        self.count += 1
        if not ok:
            self.failed += 1
        print('%s %d - %s' % ('ok' if ok else 'not ok', self.count, name))
        if not ok:
            for line in details:
                print('# ' + line)
        sys.stdout.flush()
        return ok

    def skip(self, name, reason):
        self.count += 1
        print('ok %d - %s # SKIP %s' % (self.count, name, reason))
        sys.stdout.flush()

    def done(self):
        print('1..%d' % self.count)
        return 1 if self.failed else 0
