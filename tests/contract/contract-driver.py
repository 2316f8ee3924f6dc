#!/usr/bin/env python3
# contract-driver.py: the demo backend's traffic checked by an independent validator
#
# Copyright 2026 The Member Desk authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Starts member-desk-demo-server and Prism's validating proxy in front of it,
# then sends every documented operation through the proxy. Prism compares each
# request and response with the vendored OpenAPI document; a violation becomes
# a 500 problem document (--errors) or an sl-violations header. Either one, or
# a status other than the one CONTRACT.md prescribes, fails the test.
#
# Demo admin calls (/demo/...) are not part of the public contract, so they go
# straight to the demo server.
#
# Exit status: 0 pass, 1 fail, 77 skip (Prism not installed, unless --require-prism).

import argparse
import base64
import ctypes
import http.client
import json
import os
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
import time

API_KEY = 'demo-key'
DOMAINS = ('contact', 'address', 'master', 'payment')
CWV = 'CHANGES_WITHOUT_VERIFICATION'
CRV = 'CHANGES_REQUIRE_VERIFICATION'
READ = 'READ'

# Seed facts from the foundation issue; the contract test relies on them to
# know which answer each call must get.
SEED_STATUS = {
    1001: {'contact': CWV, 'address': CWV, 'master': CWV, 'payment': CWV},
    1002: {'contact': CRV, 'address': CRV, 'master': CRV, 'payment': CRV},
    1003: {'contact': CWV, 'address': CRV, 'master': READ, 'payment': CRV},
    1004: {'contact': READ, 'address': READ, 'master': READ, 'payment': READ},
}

SIGNATURE_SVG = (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 40">'
                 b'<path d="M5 30 C 20 5, 40 5, 95 25" stroke="black" fill="none"/></svg>')
SIGNATURE = base64.b64encode(SIGNATURE_SVG).decode('ascii')

START_DEADLINE = 90.0
REQUEST_TIMEOUT = 30.0


class Failed(Exception):
    pass


def log(*parts):
    print(*parts, flush=True)


class Child:
    """A child process in its own process group, its output collected by a thread."""

    def __init__(self, name, argv, env):
        self.name = name
        self.lines = queue.Queue()
        self.transcript = []
        try:
            self.proc = subprocess.Popen(argv,
                                         stdin=subprocess.DEVNULL,
                                         stdout=subprocess.PIPE,
                                         stderr=subprocess.STDOUT,
                                         env=env,
                                         start_new_session=True,
                                         preexec_fn=_die_with_parent)
        except OSError as e:
            raise Failed('cannot start %s (%s): %s' % (name, argv[0], e))
        self.thread = threading.Thread(target=self._pump, daemon=True)
        self.thread.start()

    def _pump(self):
        for raw in self.proc.stdout:
            line = raw.decode('utf-8', 'replace').rstrip('\n')
            self.transcript.append(line)
            self.lines.put(line)
        self.lines.put(None)

    def wait_for_line(self, pattern, deadline):
        rx = re.compile(pattern)
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise Failed('%s did not become ready in time' % self.name)
            try:
                line = self.lines.get(timeout=min(left, 0.5))
            except queue.Empty:
                continue
            if line is None:
                raise Failed('%s exited early (status %s)' % (self.name, self.proc.wait()))
            m = rx.search(line)
            if m:
                return m

    def stop(self):
        if self.proc.poll() is None:
            for sig, grace in ((signal.SIGTERM, 5.0), (signal.SIGKILL, 5.0)):
                try:
                    os.killpg(self.proc.pid, sig)
                except ProcessLookupError:
                    break
                try:
                    self.proc.wait(timeout=grace)
                    break
                except subprocess.TimeoutExpired:
                    continue
        self.thread.join(timeout=2.0)

    def dump(self):
        log('---- %s output (last 200 lines) ----' % self.name)
        for line in self.transcript[-200:]:
            log('  ' + line)


def _die_with_parent():
    # If the driver itself is killed hard, take the children along.
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        PR_SET_PDEATHSIG = 1
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def wait_for_port(port, child, deadline):
    while time.monotonic() < deadline:
        if child.proc.poll() is not None:
            raise Failed('%s exited early (status %s)' % (child.name, child.proc.returncode))
        try:
            with socket.create_connection(('127.0.0.1', port), timeout=1.0):
                return
        except OSError:
            time.sleep(0.1)
    raise Failed('%s did not accept connections on port %d in time' % (child.name, port))


class Response:
    def __init__(self, status, headers, raw):
        self.status = status
        self.headers = headers
        self.raw = raw

    def header(self, name):
        return self.headers.get(name.lower())

    def json(self):
        try:
            return json.loads(self.raw.decode('utf-8'))
        except (UnicodeDecodeError, ValueError):
            return None


def send(port, method, path, body=None, key=API_KEY, language='en'):
    conn = http.client.HTTPConnection('127.0.0.1', port, timeout=REQUEST_TIMEOUT)
    headers = {'Accept': 'application/json', 'Accept-Language': language}
    if key is not None:
        headers['x-api-key'] = key
    data = None
    if body is not None:
        data = json.dumps(body).encode('utf-8')
        headers['Content-Type'] = 'application/json'
    try:
        conn.request(method, path, body=data, headers=headers)
        r = conn.getresponse()
        raw = r.read()
        return Response(r.status, {k.lower(): v for k, v in r.getheaders()}, raw)
    except (OSError, http.client.HTTPException) as e:
        raise Failed('%s %s on port %d: no answer (%s)' % (method, path, port, e))
    finally:
        conn.close()


class Contract:
    def __init__(self, demo_port, prism_port):
        self.demo_port = demo_port
        self.prism_port = prism_port
        self.passed = 0
        self.failures = []

    # ---- plumbing ----

    def admin(self, path, body=None, expect=200):
        r = send(self.demo_port, 'POST', path, body if body is not None else {})
        if r.status != expect:
            raise Failed('admin call %s answered %d, expected %d: %s'
                         % (path, r.status, expect, r.raw[:500]))
        return r

    def call(self, what, method, path, expect, body=None, key=API_KEY, language='en'):
        r = send(self.prism_port, method, path, body, key, language)
        problems = []
        violations = r.header('sl-violations')
        if violations:
            problems.append('Prism flagged a violation (sl-violations): %s' % violations)
        ctype = r.header('content-type') or ''
        doc = r.json()
        if 'problem+json' in ctype or (isinstance(doc, dict) and 'stoplight.io/prism' in str(doc.get('type', ''))):
            problems.append('Prism answered instead of the server (%d): %s'
                            % (r.status, r.raw.decode('utf-8', 'replace')[:4000]))
        if r.status != expect:
            problems.append('status %d, expected %d; body: %s'
                            % (r.status, expect, r.raw.decode('utf-8', 'replace')[:1000]))
        if r.status >= 400 and not problems and r.status != 503:
            if not isinstance(doc, dict) or not isinstance(doc.get('errorMessage'), str):
                problems.append('error status %d without an ErrorResponse body' % r.status)
        label = '%s %s %s' % (method, path, what)
        if problems:
            self.failures.append(label)
            log('FAIL %s' % label)
            for p in problems:
                log('     %s' % p)
        else:
            self.passed += 1
            log('ok   %s -> %d' % (label, r.status))
        return r

    def check(self, what, condition, detail=''):
        if condition:
            self.passed += 1
            log('ok   %s' % what)
        else:
            self.failures.append(what)
            log('FAIL %s %s' % (what, detail))

    @staticmethod
    def domain_path(customer, domain):
        return '/v1/customers/%d/self-service/%s-data' % (customer, domain)

    @staticmethod
    def withdraw_path(customer, amendment):
        return '/v1/customers/%d/self-service/amendment/%d' % (customer, amendment)

    def get(self, customer, domain, what='read'):
        r = self.call(what, 'GET', self.domain_path(customer, domain), 200)
        doc = r.json()
        if r.status != 200 or not isinstance(doc, dict):
            raise Failed('cannot go on without %s of %d' % (domain, customer))
        return doc

    @staticmethod
    def body_of(doc):
        """The full object a POST sends: current values, without the read-only extras."""
        body = {k: v for k, v in doc.items()
                if k not in ('amendmentConfigurationStatus', 'pendingAmendment', 'requireSignature', 'id')}
        return body

    # ---- the scenario ----

    def run(self):
        self.admin('/demo/reset')
        current = {}

        for customer, statuses in SEED_STATUS.items():
            for domain in DOMAINS:
                doc = self.get(customer, domain)
                current[(customer, domain)] = doc
                self.check('seed %d %s is %s' % (customer, domain, statuses[domain]),
                           doc.get('amendmentConfigurationStatus') == statuses[domain],
                           'got %r' % doc.get('amendmentConfigurationStatus'))
        for customer in (1002, 1003):
            self.check('seed %d payment requires a signature' % customer,
                       current[(customer, 'payment')].get('requireSignature') is True)
        seeded = current[(1003, 'address')].get('pendingAmendment')
        self.check('seed 1003 address has a pending amendment',
                   isinstance(seeded, dict) and isinstance(seeded.get('id'), int))

        # Unknown customer and wrong key, on every kind of operation.
        for domain in DOMAINS:
            self.call('unknown customer', 'GET', self.domain_path(9999, domain), 404)
        self.call('unknown customer', 'POST', self.domain_path(9999, 'contact'), 404,
                  body={'email': 'someone@example.org'})
        self.call('unknown customer', 'DELETE', self.withdraw_path(9999, 1), 404)
        self.call('wrong key', 'GET', self.domain_path(1001, 'contact'), 401, key='not-the-key')
        self.call('wrong key', 'POST', self.domain_path(1001, 'contact'), 401, key='not-the-key',
                  body=self.body_of(current[(1001, 'contact')]))
        self.call('wrong key', 'DELETE', self.withdraw_path(1002, 1), 401, key='not-the-key')

        # Instant changes on 1001: applied at once, no pending amendment.
        edits = {
            'contact': {'email': 'contract.check@example.org', 'phonePrivateMobile': '+49 151 2345678'},
            'address': {'street': 'Schillerstraße', 'houseNumber': '4', 'zipCode': '80336',
                        'city': 'München', 'countryCode': 'DE'},
            'master': {'lastName': 'Contract-Check', 'customerTitle': 'DR'},
            'payment': {'accountHolder': 'Contract Check', 'bankName': 'Commerzbank',
                        'iban': 'DE89 3704 0044 0532 0130 00', 'bic': 'COBADEFFXXX'},
        }
        for domain in DOMAINS:
            body = self.body_of(current[(1001, domain)])
            body.update(edits[domain])
            self.call('instant amendment', 'POST', self.domain_path(1001, domain), 200, body=body)
            after = self.get(1001, domain, 'after instant amendment')
            changed = all(after.get(k) == v or (k == 'iban' and str(after.get(k, '')).replace(' ', '') == v.replace(' ', ''))
                          for k, v in edits[domain].items())
            self.check('1001 %s shows the new values at once' % domain, changed)
            self.check('1001 %s has no pending amendment' % domain, 'pendingAmendment' not in after)

        # Validation errors name the field.
        bad_zip = self.body_of(current[(1001, 'address')])
        bad_zip.update({'zipCode': 'ABCDE', 'countryCode': 'DE'})
        r = self.call('bad zipCode', 'POST', self.domain_path(1001, 'address'), 400, body=bad_zip)
        self.check('bad zipCode names zipCode', (r.json() or {}).get('reference') == 'zipCode',
                   r.raw[:300])
        bad_iban = self.body_of(current[(1001, 'payment')])
        bad_iban.update({'iban': 'DE00 1234 5678 9012 3456 78'})
        r = self.call('bad iban', 'POST', self.domain_path(1001, 'payment'), 400, body=bad_iban)
        self.check('bad iban names iban', (r.json() or {}).get('reference') == 'iban', r.raw[:300])
        bad_mail = self.body_of(current[(1001, 'contact')])
        bad_mail.update({'email': 'not an address'})
        r = self.call('bad email', 'POST', self.domain_path(1001, 'contact'), 400, body=bad_mail)
        self.check('bad email names email', (r.json() or {}).get('reference') == 'email', r.raw[:300])

        # READ domains refuse changes.
        for domain in DOMAINS:
            self.call('READ domain', 'POST', self.domain_path(1004, domain), 403,
                      body=self.body_of(current[(1004, domain)]))
        self.call('READ domain', 'POST', self.domain_path(1003, 'master'), 403,
                  body=self.body_of(current[(1003, 'master')]))

        # Reviewed changes on 1002: queued, shown as pending, a second one conflicts.
        contact = self.body_of(current[(1002, 'contact')])
        contact.update({'email': 'queued@example.org'})
        r = self.call('reviewed amendment', 'POST', self.domain_path(1002, 'contact'), 200, body=contact)
        contact_id = (r.json() or {}).get('id')
        self.check('reviewed amendment has an id', isinstance(contact_id, int), r.raw[:300])
        after = self.get(1002, 'contact', 'after reviewed amendment')
        pending = after.get('pendingAmendment') or {}
        self.check('1002 contact shows the pending amendment', pending.get('id') == contact_id)
        self.check('1002 contact keeps the old values while pending',
                   after.get('email') == current[(1002, 'contact')].get('email'))
        self.call('second amendment while one is pending', 'POST',
                  self.domain_path(1002, 'contact'), 409, body=contact)

        payment = self.body_of(current[(1002, 'payment')])
        payment.update({'accountHolder': 'Contract Check', 'bankName': 'Commerzbank',
                        'iban': 'DE89370400440532013000', 'bic': 'COBADEFF'})
        r = self.call('missing signature', 'POST', self.domain_path(1002, 'payment'), 400, body=payment)
        self.check('missing signature names the signature',
                   (r.json() or {}).get('reference') == 'signature.base64SvgSignature', r.raw[:300])
        not_svg = dict(payment, signature={'base64SvgSignature': base64.b64encode(b'hello').decode()})
        r = self.call('signature that is no SVG', 'POST', self.domain_path(1002, 'payment'), 400, body=not_svg)
        self.check('bad signature names the signature',
                   (r.json() or {}).get('reference') == 'signature.base64SvgSignature', r.raw[:300])
        signed = dict(payment, signature={'base64SvgSignature': SIGNATURE})
        r = self.call('signed reviewed amendment', 'POST', self.domain_path(1002, 'payment'), 200, body=signed)
        payment_id = (r.json() or {}).get('id')
        self.check('signed amendment has an id', isinstance(payment_id, int), r.raw[:300])
        self.check('amendment does not echo the signature', 'signature' not in (r.json() or {}))

        for domain in ('address', 'master'):
            body = self.body_of(current[(1002, domain)])
            body.update(edits[domain])
            self.call('reviewed amendment', 'POST', self.domain_path(1002, domain), 200, body=body)
            after = self.get(1002, domain, 'after reviewed amendment')
            self.check('1002 %s shows a pending amendment' % domain, 'pendingAmendment' in after)

        # Withdraw: 200 with no body, then 404.
        if isinstance(contact_id, int):
            r = self.call('withdraw', 'DELETE', self.withdraw_path(1002, contact_id), 200)
            self.check('withdraw answers without a body', r.raw == b'', r.raw[:300])
            self.call('withdraw twice', 'DELETE', self.withdraw_path(1002, contact_id), 404)
            after = self.get(1002, 'contact', 'after withdraw')
            self.check('1002 contact has no pending amendment after withdraw',
                       'pendingAmendment' not in after)
        if isinstance(payment_id, int):
            self.call("another customer's amendment", 'DELETE', self.withdraw_path(1001, payment_id), 404)

        # Staff decisions (admin calls) and what GET shows afterwards.
        if isinstance(seeded, dict) and isinstance(seeded.get('id'), int):
            self.call('second amendment while one is pending', 'POST',
                      self.domain_path(1003, 'address'), 409,
                      body=self.body_of(current[(1003, 'address')]))
            self.admin('/demo/customers/1003/amendments/%d/approve' % seeded['id'])
            after = self.get(1003, 'address', 'after approval')
            self.check('1003 address has no pending amendment after approval',
                       'pendingAmendment' not in after)
            self.check('1003 address shows the approved values',
                       all(after.get(k) == v for k, v in self.body_of(seeded).items()))
            self.admin('/demo/customers/1003/amendments/%d/approve' % seeded['id'], expect=404)
        if isinstance(payment_id, int):
            self.admin('/demo/customers/1002/amendments/%d/reject' % payment_id)
            after = self.get(1002, 'payment', 'after rejection')
            self.check('1002 payment has no pending amendment after rejection',
                       'pendingAmendment' not in after)
            self.check('1002 payment keeps the old values after rejection',
                       after.get('iban') == current[(1002, 'payment')].get('iban'))
            self.call('withdraw a rejected amendment', 'DELETE', self.withdraw_path(1002, payment_id), 404)

        # Injected faults must still be documented error bodies.
        for status in (429, 500):
            self.admin('/demo/faults', {'count': 1, 'status': status, 'brokenBody': False})
            self.call('injected fault', 'GET', self.domain_path(1001, 'contact'), status)
        self.admin('/demo/faults', {'count': 1, 'status': 503, 'brokenBody': False})
        self.call('injected fault', 'GET', self.domain_path(1001, 'contact'), 503)
        self.call('after the faults', 'GET', self.domain_path(1001, 'contact'), 200)

        # Reset brings the seed back.
        self.admin('/demo/reset')
        again = self.get(1001, 'contact', 'after reset')
        self.check('reset restores the seed', again == current[(1001, 'contact')])


def check_vendored_spec(spec, shared_spec):
    if not shared_spec or not os.path.exists(shared_spec):
        log('note: no shared/api/self-service.openapi.yaml next to the repository, '
            'the vendored copy is used as it is')
        return
    with open(spec, 'rb') as a, open(shared_spec, 'rb') as b:
        if a.read() != b.read():
            raise Failed('tests/contract/self-service.openapi.yaml differs from %s: '
                         're-vendor it (cp %s tests/contract/self-service.openapi.yaml)'
                         % (shared_spec, shared_spec))
    log('ok   vendored OpenAPI document matches %s' % shared_spec)


def child_env():
    env = dict(os.environ)
    # Both processes only ever talk to loopback.
    for var in ('http_proxy', 'https_proxy', 'HTTP_PROXY', 'HTTPS_PROXY', 'all_proxy', 'ALL_PROXY'):
        env.pop(var, None)
    env['NO_PROXY'] = env['no_proxy'] = '127.0.0.1,localhost'
    env['SCARF_ANALYTICS'] = 'false'
    env['DO_NOT_TRACK'] = '1'
    return env


def main():
    ap = argparse.ArgumentParser(description='Check the demo backend against the OpenAPI document through Prism.')
    ap.add_argument('--server', required=True, help='member-desk-demo-server executable')
    ap.add_argument('--prism', required=True, help='node_modules/.bin/prism')
    ap.add_argument('--spec', required=True, help='vendored OpenAPI document')
    ap.add_argument('--shared-spec', help='the OpenAPI document in shared/, if present')
    ap.add_argument('--require-prism', action='store_true',
                    help='fail instead of skipping when Prism is not installed')
    opts = ap.parse_args()
    # meson may hand over paths relative to the build directory.
    opts.server = os.path.abspath(opts.server)
    opts.prism = os.path.abspath(opts.prism)
    opts.spec = os.path.abspath(opts.spec)

    children = []

    def on_signal(signum, frame):
        raise SystemExit(128 + signum)

    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, on_signal)

    try:
        check_vendored_spec(opts.spec, opts.shared_spec)

        if not os.access(opts.prism, os.X_OK):
            msg = ('Prism is not installed (%s missing): run `npm ci` in tests/contract'
                   % opts.prism)
            if opts.require_prism:
                raise Failed(msg)
            log('SKIP ' + msg)
            return 77

        env = child_env()
        deadline = time.monotonic() + START_DEADLINE
        demo = Child('demo server', [opts.server, '--port', '0', '--api-key', API_KEY], env)
        children.append(demo)
        m = demo.wait_for_line(r'listening on http://127\.0\.0\.1:(\d+)', deadline)
        demo_port = int(m.group(1))
        log('demo server on port %d' % demo_port)

        prism_port = free_port()
        prism = Child('prism', [opts.prism, 'proxy', '--errors', opts.spec,
                                'http://127.0.0.1:%d' % demo_port,
                                '-h', '127.0.0.1', '-p', str(prism_port)], env)
        children.append(prism)
        wait_for_port(prism_port, prism, deadline)
        log('prism proxy on port %d' % prism_port)

        contract = Contract(demo_port, prism_port)
        try:
            contract.run()
        except Failed as e:
            contract.failures.append(str(e))
            log('FAIL %s' % e)

        log('%d checks passed, %d failed' % (contract.passed, len(contract.failures)))
        if contract.failures:
            for name in contract.failures:
                log('  failed: %s' % name)
            prism.dump()
            demo.dump()
            return 1
        if contract.passed == 0:
            log('FAIL no check ran')
            return 1
        return 0
    except Failed as e:
        log('FAIL %s' % e)
        for child in children:
            child.dump()
        return 1
    finally:
        for child in reversed(children):
            child.stop()


if __name__ == '__main__':
    sys.exit(main())
