#!/usr/bin/env python3
# summarize.py: one line saying how a `meson test` run went, from its JSON log
#
# Copyright 2026 The Member Desk authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: summarize.py LABEL TESTLOG.json
# Prints "LABEL: N passed, N failed[, N skipped]" and the names of the
# failed tests; exits 1 unless something passed and nothing failed (also
# when the log is missing, or the pattern meant to name it matched none).

import json
import sys


def main():
    if len(sys.argv) != 3:
        print('usage: summarize.py LABEL TESTLOG.json (exactly one log)', file=sys.stderr)
        return 2
    label, path = sys.argv[1], sys.argv[2]
    passed = skipped = 0
    failed = []
    try:
        with open(path, encoding='utf-8') as log:
            for line in log:
                line = line.strip()
                if not line:
                    continue
                entry = json.loads(line)
                result = entry.get('result')
                if result in ('OK', 'EXPECTEDFAIL'):
                    passed += 1
                elif result == 'SKIP':
                    skipped += 1
                else:
                    failed.append('%s (%s)' % (entry.get('name'), result))
    except FileNotFoundError:
        pass

    summary = '%s: %d passed, %d failed' % (label, passed, len(failed))
    if skipped:
        summary += ', %d skipped' % skipped
    print(summary)
    for name in failed:
        print('  failed: ' + name)
    return 0 if passed > 0 and not failed else 1


if __name__ == '__main__':
    sys.exit(main())
