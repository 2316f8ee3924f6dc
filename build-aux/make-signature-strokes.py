#!/usr/bin/env python3
# make-signature-strokes.py: generate the handwritten-signature stroke files for the tests
#
# Copyright 2026 The Member Desk authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Write synthetic handwritten signatures as stroke files for the signature pad tests.

The files are test data for the signature pad: fidelity (does the exported SVG
still look like what was written), size (how big the export gets for mouse,
pen, touch and very long input) and quality-gate tests (a tiny scribble or a
lone dot must be refused).  Each file uses the recorded format

    {"width": W, "height": H, "strokes": [[{"x", "y", "t", "p"}, ...], ...]}

in logical pixels, t in ms since the signature started, p the pen pressure
0..1 or null.  The signatures are cursive names: letter skeletons joined into
smooth curves, written with a speed that drops in tight turns (the two-thirds
power law of handwriting) and sampled like the device would (mouse: integer
coordinates, ~8 or ~16 ms; pen: pressure, ~5 ms; touch: ~12 ms, shakier).
The random jitter comes from fixed seeds, so every run writes the same bytes.

Usage: make-signature-strokes.py [OUTDIR]    (default: tests/data/signatures)
"""

import bisect
import math
import os
import random
import sys

# ---------------------------------------------------------------------------
# Letter skeletons: points in x-height units, y up from the baseline.  A
# lowercase letter starts where the previous one left off and ends with its
# exit stroke at (w, ~0.2).  "pre" strokes of a capital are drawn with the pen
# lifted before the main stroke; "dot" and "cross" are added at the end of the
# signature (i dots, t crosses).
# ---------------------------------------------------------------------------

_L_LOOP = [(0.45, 1.3), (0.64, 2.1), (0.56, 2.45), (0.38, 2.4), (0.24, 1.9), (0.18, 0.8)]

GLYPHS = {
    "a": {"w": 1.15, "pts": [(0.75, 0.85), (0.45, 1.0), (0.15, 0.75), (0.1, 0.3), (0.3, 0.02),
                             (0.55, 0.2), (0.75, 0.7), (0.82, 0.98), (0.72, 0.45), (0.78, 0.08),
                             (0.95, 0.02), (1.15, 0.2)]},
    "c": {"w": 0.9, "pts": [(0.5, 0.9), (0.68, 0.95), (0.64, 0.8), (0.45, 0.88), (0.2, 0.62),
                            (0.14, 0.25), (0.35, 0.02), (0.65, 0.06), (0.9, 0.25)]},
    "d": {"w": 1.15, "pts": [(0.75, 0.85), (0.45, 1.0), (0.15, 0.75), (0.1, 0.3), (0.3, 0.02),
                             (0.55, 0.2), (0.78, 0.9), (0.95, 2.3), (0.88, 1.2), (0.82, 0.1),
                             (0.95, 0.0), (1.15, 0.2)]},
    "e": {"w": 0.85, "pts": [(0.55, 0.5), (0.62, 0.78), (0.45, 0.95), (0.22, 0.75), (0.18, 0.3),
                             (0.35, 0.03), (0.6, 0.02), (0.85, 0.2)]},
    "g": {"w": 1.1, "pts": [(0.75, 0.85), (0.45, 1.0), (0.15, 0.75), (0.1, 0.3), (0.3, 0.02),
                            (0.55, 0.2), (0.75, 0.7), (0.82, 0.98), (0.72, 0.0), (0.6, -1.1),
                            (0.4, -1.45), (0.2, -1.3), (0.3, -0.8), (0.7, -0.3), (1.1, 0.15)]},
    "h": {"w": 1.1, "pts": _L_LOOP + [(0.12, 0.0), (0.3, 0.65), (0.55, 0.95), (0.78, 0.75),
                                      (0.78, 0.2), (0.9, 0.0), (1.1, 0.2)]},
    "i": {"w": 0.7, "pts": [(0.35, 0.95), (0.28, 0.35), (0.35, 0.05), (0.5, 0.0), (0.7, 0.2)],
          "dot": (0.5, 1.6)},
    "k": {"w": 1.0, "pts": _L_LOOP + [(0.12, 0.0), (0.3, 0.6), (0.6, 0.95), (0.7, 0.75),
                                      (0.4, 0.5), (0.65, 0.3), (0.75, 0.0), (1.0, 0.2)]},
    "l": {"w": 0.75, "pts": _L_LOOP + [(0.25, 0.15), (0.45, 0.0), (0.75, 0.2)]},
    "m": {"w": 1.4, "pts": [(0.2, 0.85), (0.28, 0.98), (0.22, 0.5), (0.18, 0.0), (0.3, 0.6),
                            (0.48, 0.95), (0.64, 0.72), (0.62, 0.0), (0.75, 0.6), (0.92, 0.95),
                            (1.1, 0.75), (1.1, 0.2), (1.2, 0.0), (1.4, 0.2)]},
    "n": {"w": 1.05, "pts": [(0.2, 0.85), (0.28, 0.98), (0.22, 0.5), (0.18, 0.0), (0.32, 0.6),
                             (0.52, 0.95), (0.72, 0.75), (0.72, 0.2), (0.82, 0.0), (1.05, 0.2)]},
    "o": {"w": 1.1, "pts": [(0.7, 0.85), (0.45, 1.0), (0.15, 0.75), (0.12, 0.25), (0.38, 0.0),
                            (0.65, 0.25), (0.7, 0.75), (0.55, 0.95), (0.75, 0.8), (0.95, 0.5),
                            (1.1, 0.25)]},
    "r": {"w": 1.0, "pts": [(0.3, 0.95), (0.42, 1.1), (0.5, 0.88), (0.72, 0.95), (0.74, 0.5),
                            (0.72, 0.05), (0.85, 0.0), (1.0, 0.2)]},
    "s": {"w": 0.85, "pts": [(0.4, 1.0), (0.62, 0.5), (0.6, 0.12), (0.38, 0.0), (0.2, 0.12),
                             (0.35, 0.1), (0.6, 0.05), (0.85, 0.2)]},
    "t": {"w": 0.75, "pts": [(0.42, 1.8), (0.3, 1.0), (0.28, 0.2), (0.42, 0.0), (0.75, 0.2)],
          "cross": ((0.0, 1.1), (0.8, 1.2))},
    "u": {"w": 1.0, "pts": [(0.2, 0.95), (0.15, 0.3), (0.35, 0.0), (0.6, 0.3), (0.72, 0.95),
                            (0.66, 0.35), (0.72, 0.03), (0.85, 0.0), (1.0, 0.2)]},
    "y": {"w": 1.05, "pts": [(0.2, 0.95), (0.15, 0.3), (0.35, 0.0), (0.6, 0.3), (0.72, 0.95),
                             (0.66, 0.0), (0.55, -1.1), (0.35, -1.45), (0.15, -1.3),
                             (0.25, -0.8), (0.65, -0.3), (1.05, 0.15)]},
    # capitals, about 2.5 x-heights tall
    "A": {"w": 1.7, "pts": [(1.3, 2.3), (0.8, 2.5), (0.3, 1.8), (0.1, 0.7), (0.35, 0.0),
                            (0.8, 0.6), (1.3, 2.4), (1.25, 1.2), (1.3, 0.1), (1.45, 0.0),
                            (1.7, 0.2)]},
    "E": {"w": 1.2, "pts": [(1.1, 2.2), (0.85, 2.5), (0.45, 2.35), (0.45, 1.85), (0.8, 1.45),
                            (0.9, 1.5), (0.75, 1.38), (0.3, 1.2), (0.1, 0.6), (0.35, 0.05),
                            (0.8, 0.0), (1.2, 0.25)]},
    "H": {"w": 2.0, "pre": [[(0.1, 2.0), (0.35, 2.45), (0.5, 2.3), (0.4, 1.2), (0.2, 0.0)]],
          "pts": [(1.6, 2.5), (1.4, 1.3), (1.22, 0.0), (1.1, 0.25), (0.5, 1.0), (0.2, 1.15),
                  (0.45, 1.3), (1.3, 1.25), (1.7, 1.0), (2.0, 0.2)]},
    "K": {"w": 1.45, "pre": [[(0.45, 2.5), (0.3, 1.2), (0.15, 0.0)]],
          "pts": [(1.3, 2.4), (0.8, 1.6), (0.35, 1.15), (0.7, 1.1), (0.95, 0.5), (1.15, 0.0),
                  (1.45, 0.2)]},
    "L": {"w": 1.3, "pts": [(1.0, 1.9), (1.25, 2.35), (1.05, 2.6), (0.75, 2.35), (0.55, 1.6),
                            (0.35, 0.6), (0.15, 0.1), (-0.1, 0.0), (0.0, -0.2), (0.4, -0.1),
                            (0.9, 0.05), (1.3, 0.2)]},
    "M": {"w": 1.95, "pts": [(-0.2, 0.0), (0.1, 1.0), (0.45, 2.4), (0.55, 2.5), (0.55, 1.6),
                             (0.45, 0.0), (0.6, 1.1), (0.95, 2.3), (1.05, 2.4), (1.05, 1.4),
                             (0.95, 0.0), (1.15, 1.0), (1.45, 2.0), (1.55, 2.1), (1.58, 1.2),
                             (1.55, 0.15), (1.7, 0.0), (1.95, 0.2)]},
    "R": {"w": 1.5, "pts": [(0.5, 2.4), (0.3, 1.2), (0.15, 0.0), (0.35, 1.6), (0.7, 2.45),
                            (1.25, 2.4), (1.3, 1.9), (0.9, 1.4), (0.45, 1.3), (0.8, 1.1),
                            (1.0, 0.4), (1.2, 0.0), (1.5, 0.2)]},
    "S": {"w": 1.3, "pts": [(-0.2, 0.0), (0.4, 0.9), (0.9, 1.9), (1.35, 2.5), (0.95, 2.2),
                            (0.85, 1.6), (1.0, 1.0), (1.0, 0.4), (0.7, 0.05), (0.3, 0.05),
                            (0.2, 0.3), (0.6, 0.3), (1.3, 0.2)]},
}


class Hand:
    """How one person writes: size, slant, letter spacing and wobble."""

    def __init__(self, rng, xh, slant_deg=18.0, spacing=1.0, wobble=0.05):
        self.rng = rng
        self.xh = xh
        self.shear = math.tan(math.radians(slant_deg))
        self.spacing = spacing
        self.wobble = wobble

    def word(self, text, x, base):
        """Lay out one word; returns (strokes, marks, x_end) in pad coordinates."""
        rng, xh = self.rng, self.xh
        strokes, marks = [], []
        cur = []
        cx = x
        first = True
        for ch in text:
            g = GLYPHS[ch]
            sx = xh * self.spacing * (1.0 + rng.uniform(-self.wobble, self.wobble))
            sy = xh * (1.0 + rng.uniform(-self.wobble, self.wobble))
            drift = rng.uniform(-0.04, 0.04) * xh

            def place(px, py, sx=sx, sy=sy, drift=drift, cx=cx):
                return (cx + px * sx + py * sy * self.shear, base - py * sy + drift)

            for pre in g.get("pre", []):
                strokes.append([place(px, py) for px, py in pre])
            pts = [place(px, py) for px, py in g["pts"]]
            if first and ch.islower():
                cur.append(place(-0.25, -0.05))     # lead-in from below the baseline
            cur.extend(pts)
            first = False
            if "dot" in g:
                marks.append(("dot", place(*g["dot"])))
            if "cross" in g:
                marks.append(("cross", [place(*p) for p in g["cross"]]))
            cx += g["w"] * sx
        if cur:
            strokes.append(cur)
        return strokes, marks, cx


# ---------------------------------------------------------------------------
# Geometry: smooth curve through the skeleton points, resampled by arc length
# ---------------------------------------------------------------------------

def catmull_rom(ctrl, step=0.5):
    """Centripetal Catmull-Rom curve through ctrl, returned as points ~step px apart."""
    pts = [ctrl[0]]
    for p in ctrl[1:]:
        if math.dist(p, pts[-1]) > 1e-6:
            pts.append(p)
    if len(pts) == 1:
        return pts
    ext = ([(2 * pts[0][0] - pts[1][0], 2 * pts[0][1] - pts[1][1])] + pts
           + [(2 * pts[-1][0] - pts[-2][0], 2 * pts[-1][1] - pts[-2][1])])
    out = [pts[0]]
    for i in range(1, len(ext) - 2):
        p0, p1, p2, p3 = ext[i - 1], ext[i], ext[i + 1], ext[i + 2]
        t0 = 0.0
        t1 = t0 + math.dist(p0, p1) ** 0.5
        t2 = t1 + math.dist(p1, p2) ** 0.5
        t3 = t2 + math.dist(p2, p3) ** 0.5
        n = max(2, int(math.dist(p1, p2) / (step * 0.5)))
        for k in range(1, n + 1):
            t = t1 + (t2 - t1) * k / n

            def lerp(a, b, ta, tb):
                w = (t - ta) / (tb - ta)
                return (a[0] + (b[0] - a[0]) * w, a[1] + (b[1] - a[1]) * w)
            a1 = lerp(p0, p1, t0, t1)
            a2 = lerp(p1, p2, t1, t2)
            a3 = lerp(p2, p3, t2, t3)
            b1 = lerp(a1, a2, t0, t2)
            b2 = lerp(a2, a3, t1, t3)
            out.append(lerp(b1, b2, t1, t2))
    return resample(out, step)


def resample(pts, step):
    out = [pts[0]]
    pos = step              # arc length into the current segment of the next sample
    for a, b in zip(pts, pts[1:]):
        seg = math.dist(a, b)
        while pos <= seg:
            w = pos / seg
            out.append((a[0] + (b[0] - a[0]) * w, a[1] + (b[1] - a[1]) * w))
            pos += step
        pos -= seg
    if math.dist(out[-1], pts[-1]) > 1e-6:
        out.append(pts[-1])
    return out


def smooth(vals, radius):
    n = len(vals)
    pre = [0.0]
    for v in vals:
        pre.append(pre[-1] + v)
    out = []
    for i in range(n):
        a, b = max(0, i - radius), min(n, i + radius + 1)
        out.append((pre[b] - pre[a]) / (b - a))
    return out


# ---------------------------------------------------------------------------
# Writing: speed along the curve, then device events sampled in time
# ---------------------------------------------------------------------------

DEVICES = {
    # dt: (value, weight) for the gap between events in ms; hiccup: (probability, lo, hi) of a
    # late event; noise: slow tremor (sigma px, correlation) plus shake (white, sigma px)
    "mouse": {"dt": [(6, 1), (7, 4), (8, 6), (9, 2), (10, 1)], "hiccup": (0.03, 12, 17),
              "noise": (0.35, 0.6, 0.0), "digits": 0, "pressure": False},
    "mouse16": {"dt": [(15, 2), (16, 6), (17, 2)], "hiccup": (0.03, 24, 33),
                "noise": (0.3, 0.7, 0.0), "digits": 0, "pressure": False},
    "pen": {"dt": [(4, 2), (5, 6), (6, 2)], "hiccup": (0.01, 8, 10),
            "noise": (0.12, 0.8, 0.03), "digits": 2, "pressure": True},
    "touch": {"dt": [(11, 2), (12, 6), (13, 2)], "hiccup": (0.04, 16, 21),
              "noise": (1.2, 0.9, 0.45), "digits": 1, "pressure": False},
}

STEP = 0.5          # px between points of the dense curve


class Writer:
    def __init__(self, seed, device, vmin, vmax, width, height, turn_radius=6.0):
        self.rng = random.Random(seed)
        self.dev = DEVICES[device]
        self.vmin, self.vmax = vmin, vmax
        self.width, self.height = width, height
        self.turn_radius = turn_radius
        self.strokes = []       # finished strokes: lists of point dicts
        self.t = 0
        self.last_end = None

    def _gap(self):
        rng = self.rng
        prob, lo, hi = self.dev["hiccup"]
        if rng.random() < prob:
            return rng.randint(lo, hi)
        vals, weights = zip(*self.dev["dt"])
        return rng.choices(vals, weights)[0]

    def _pause(self, start):
        """Pen-up time before a stroke: longer for a longer jump, 150..600 ms."""
        if self.last_end is None:
            return 0
        d = math.dist(self.last_end, start)
        return int(min(600, max(150, 170 + 0.9 * d + self.rng.uniform(-30, 60))))

    def _fmt(self, v):
        digits = self.dev["digits"]
        if digits == 0:
            return int(round(v))
        return round(v, digits)

    def _clamp_xy(self, x, y):
        return min(max(x, 0.0), float(self.width)), min(max(y, 0.0), float(self.height))

    def curve(self, ctrl, speed=1.0):
        """Write a smooth stroke through the skeleton points ctrl."""
        rng = self.rng
        pts = catmull_rom(ctrl, STEP)
        n = len(pts)
        # curvature from the turning angle, smoothed over ~2 px
        kappa = [0.0] * n
        for i in range(1, n - 1):
            a1 = math.atan2(pts[i][1] - pts[i - 1][1], pts[i][0] - pts[i - 1][0])
            a2 = math.atan2(pts[i + 1][1] - pts[i][1], pts[i + 1][0] - pts[i][0])
            d = (a2 - a1 + math.pi) % (2 * math.pi) - math.pi
            kappa[i] = abs(d) / STEP
        kappa = smooth(kappa, 4)
        # speed: fast on straight parts, slow in tight turns (v ~ radius^(1/3))
        ph1, ph2 = rng.uniform(0, 6.3), rng.uniform(0, 6.3)
        length = STEP * (n - 1)
        ramp = min(18.0, length / 3 + 1e-9)
        v = []
        for i, k in enumerate(kappa):
            s = i * STEP
            g = 1.0 / (1.0 + (k * self.turn_radius) ** (2.0 / 3.0))
            vi = self.vmin + (self.vmax - self.vmin) * g
            vi *= 1.0 + 0.1 * math.sin(s / 37.0 + ph1) + 0.06 * math.sin(s / 13.0 + ph2)
            edge = min(s, length - s) / ramp
            if edge < 1.0:
                vi *= 0.45 + 0.55 * edge * edge * (3 - 2 * edge)
            v.append(min(vi * speed, self.vmax))
        v = smooth(v, 10)
        v = [max(x, 0.6 * self.vmin) for x in v]
        times = [0.0]
        for i in range(1, n):
            times.append(times[-1] + STEP / (0.5 * (v[i - 1] + v[i])))
        self._emit(pts, times, v)

    def _emit(self, pts, times, v):
        rng = self.rng
        dur = times[-1]
        start_t = self.t + self._pause(pts[0])
        sigma, corr, shake = self.dev["noise"]
        nx = ny = 0.0
        ph = rng.uniform(0, 6.3)
        vmean = sum(v) / len(v)
        out = []
        local = 0
        while True:
            last = local >= dur
            tt = min(local, dur)
            j = min(bisect.bisect_left(times, tt), len(times) - 1)
            if j <= 0:
                x, y, vj = pts[0][0], pts[0][1], v[0]
            else:
                w = (tt - times[j - 1]) / (times[j] - times[j - 1])
                x = pts[j - 1][0] + (pts[j][0] - pts[j - 1][0]) * w
                y = pts[j - 1][1] + (pts[j][1] - pts[j - 1][1]) * w
                vj = v[j]
            k = math.sqrt(1 - corr * corr)
            nx = corr * nx + k * rng.gauss(0, sigma)
            ny = corr * ny + k * rng.gauss(0, sigma)
            if shake:
                x += rng.gauss(0, shake)
                y += rng.gauss(0, shake)
            x, y = self._clamp_xy(x + nx, y + ny)
            pt = {"x": self._fmt(x), "y": self._fmt(y), "t": start_t + local, "p": None}
            if self.dev["pressure"]:
                pt["p"] = pressure(local, dur, vj / vmean, ph, rng)
            out.append(pt)
            if last:
                break
            local += self._gap()
            if local >= dur:        # pen-up: the last event is at the end of the curve
                local = max(int(math.ceil(dur)), out[-1]["t"] - start_t + 1)
        self.strokes.append(out)
        self.t = out[-1]["t"]
        self.last_end = pts[-1]

    def tap(self, x, y, n=1):
        """A dot: one event (n=1) or a short tap of n events at almost the same place."""
        rng = self.rng
        t = self.t + self._pause((x, y))
        out = []
        for i in range(n):
            if i:
                t += rng.randint(8, 24)
                x += rng.choice((-1, 0, 1))
                y += rng.choice((0, 1))
            px, py = self._clamp_xy(x, y)
            pt = {"x": self._fmt(px), "y": self._fmt(py), "t": t, "p": None}
            if self.dev["pressure"]:
                pt["p"] = round(0.35 + 0.1 * i, 3)
            out.append(pt)
        self.strokes.append(out)
        self.t = t
        self.last_end = (x, y)

    def npoints(self):
        return sum(len(s) for s in self.strokes)


def pressure(t, dur, vrel, ph, rng):
    """Lighter where the pen lands and lifts, a little lighter when moving fast."""
    body = 0.74 + 0.12 * math.sin(t / 260.0 + ph) + 0.05 * math.sin(t / 71.0 + 2 * ph)
    body -= 0.1 * (vrel - 1.0)
    body += rng.uniform(-0.008, 0.008)
    env_in = min(1.0, t / 60.0)
    env_out = min(1.0, max(0.0, dur - t) / 50.0)
    env = min(env_in, env_out)
    env = env * env * (3 - 2 * env)
    p = 0.15 + (body - 0.15) * (0.06 + 0.94 * env)
    return round(min(0.95, max(0.15, p)), 3)


# ---------------------------------------------------------------------------
# Signatures
# ---------------------------------------------------------------------------

def layout(hand, words, base, center_x, gap=1.3):
    """Lay out words on one line centred on center_x; returns (strokes, marks)."""
    strokes, marks = [], []
    x = 0.0
    for w in words:
        s, m, x = hand.word(w, x, base)
        strokes += s
        marks += m
        x += gap * hand.xh
    xs = [p[0] for s in strokes for p in s]
    dx = center_x - (min(xs) + max(xs)) / 2
    strokes = [[(p[0] + dx, p[1]) for p in s] for s in strokes]
    moved = []
    for kind, m in marks:
        if kind == "dot":
            moved.append((kind, (m[0] + dx, m[1])))
        else:
            moved.append((kind, [(p[0] + dx, p[1]) for p in m]))
    return strokes, moved


def bbox(strokes):
    xs = [p[0] for s in strokes for p in s]
    ys = [p[1] for s in strokes for p in s]
    return min(xs), min(ys), max(xs), max(ys)


def underline(box, base, depth, rng, style="back"):
    """A flourish under the name: from the end back to the left, a double stroke or a plain one."""
    x0, _, x1, _ = box
    y = base + depth
    if style == "double":
        return [(x0 + 10, y - 4), ((x0 + x1) / 2, y + 1), (x1 + 8, y - 8), (x1 + 24, y - 2),
                (x1 + 4, y + 7), ((x0 + x1) / 2, y + 10 + rng.uniform(-2, 2)), (x0 + 30, y + 9),
                (x0 - 5, y + 4)]
    if style == "back":
        return [(x1 - 6, base - 6), (x1 + 10, base + 3), (x1 + 5, y - 1), (x1 - 18, y + 5),
                ((x0 + x1) / 2, y + 7 + rng.uniform(-2, 2)), (x0 + 20, y + 4), (x0 - 8, y - 3)]
    return [(x0, y), ((x0 + x1) / 2, y + 4), (x1, y - 3)]


def write_signature(w, hand, words, base, center_x, *, flourish=None, style="back",
                    marks=True, mark_speed=1.2):
    strokes, mk = layout(hand, words, base, center_x)
    for s in strokes:
        w.curve(s)
    box = bbox(strokes)
    if flourish:
        w.curve(underline(box, base, flourish, w.rng, style), speed=1.3)
    if marks:
        for kind, m in mk:
            if kind == "cross":
                w.curve(m, speed=mark_speed)
            else:
                w.curve([m, (m[0] + 1.5, m[1] + 1.0)], speed=0.5)
    return box


def sig_mouse_fast():
    w = Writer(101, "mouse", 1.0, 2.0, 600, 200, turn_radius=40.0)
    hand = Hand(w.rng, 27, slant_deg=22, spacing=1.0)
    write_signature(w, hand, ["Helene", "Hallmann"], 140, 300, flourish=24,
                    style="double")
    return w


def sig_mouse_slow():
    w = Writer(202, "mouse16", 0.1, 0.3, 600, 200, turn_radius=20.0)
    hand = Hand(w.rng, 23, slant_deg=12, spacing=1.0, wobble=0.03)
    write_signature(w, hand, ["Laura", "Schumann"], 140, 300, flourish=18)
    return w


def sig_pen():
    w = Writer(303, "pen", 0.25, 0.9, 600, 200, turn_radius=12.0)
    hand = Hand(w.rng, 24, slant_deg=20, spacing=1.0)
    write_signature(w, hand, ["Anna", "Kessler"], 140, 300, flourish=20)
    return w


def sig_touch():
    w = Writer(404, "touch", 0.25, 0.9, 600, 200)
    hand = Hand(w.rng, 24, slant_deg=10, spacing=1.1, wobble=0.08)
    write_signature(w, hand, ["Sandra", "Kuhl"], 140, 300, flourish=22)
    return w


def sig_dot_on_i():
    w = Writer(505, "mouse", 0.25, 0.8, 600, 200)
    hand = Hand(w.rng, 27, slant_deg=16, spacing=1.0)
    strokes, mk = layout(hand, ["Emil", "Stein"], 140, 300)
    for s in strokes:
        w.curve(s)
    dots = [m for kind, m in mk if kind == "dot"]
    for kind, m in mk:
        if kind == "cross":
            w.curve(m, speed=1.2)
    w.tap(round(dots[0][0]), round(dots[0][1]), n=2)   # the first i: a short tap
    w.tap(round(dots[1][0]), round(dots[1][1]), n=1)   # the second i: one event, last
    return w


def sig_long_900():
    """Exactly 900 events: the writing speed is nudged until the count comes out right."""
    target = 900
    for attempt in range(400):
        speed = 1.0 + 0.001 * ((attempt + 1) // 2) * (1 if attempt % 2 else -1)
        w = Writer(606, "mouse", 0.13 * speed, 0.39 * speed, 600, 200)
        hand = Hand(w.rng, 19, slant_deg=18, spacing=0.95)
        write_signature(w, hand, ["Annemarie", "Lindenthal"], 140, 300, flourish=22)
        if w.npoints() == target:
            return w
    raise SystemExit("long-900: could not hit %d points" % target)


def sig_scribble_tiny():
    w = Writer(707, "mouse", 0.15, 0.35, 600, 200, turn_radius=1.0)
    cx, cy = 312, 131
    ctrl = [(cx, cy + 3), (cx + 3, cy), (cx + 5, cy + 2), (cx + 2, cy + 5), (cx + 1, cy + 1),
            (cx + 6, cy + 3)]
    w.curve(ctrl)
    return w


def sig_lone_dot():
    w = Writer(808, "mouse", 0.2, 0.8, 600, 200)
    w.tap(301, 137, n=1)
    return w


def sig_hidpi_wide():
    w = Writer(909, "pen", 0.45, 1.8, 900, 300, turn_radius=9.0)
    hand = Hand(w.rng, 33, slant_deg=18, spacing=1.0)
    write_signature(w, hand, ["Samuel", "Reichardt"], 210, 450, flourish=30)
    return w


FILES = [
    ("mouse-fast", sig_mouse_fast),
    ("mouse-slow", sig_mouse_slow),
    ("pen-pressure", sig_pen),
    ("touch", sig_touch),
    ("dot-on-i", sig_dot_on_i),
    ("long-900", sig_long_900),
    ("scribble-tiny", sig_scribble_tiny),
    ("lone-dot", sig_lone_dot),
    ("hidpi-wide", sig_hidpi_wide),
]


# ---------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------

def num(v):
    if isinstance(v, int):
        return str(v)
    if v == int(v):
        return str(int(v))
    return repr(v)


def dump(w):
    lines = ['{"width": %d, "height": %d, "strokes": [' % (w.width, w.height)]
    for si, s in enumerate(w.strokes):
        lines.append(" [")
        for pi, p in enumerate(s):
            pv = "null" if p["p"] is None else num(p["p"])
            lines.append('  {"x":%s,"y":%s,"t":%d,"p":%s}%s'
                         % (num(p["x"]), num(p["y"]), p["t"], pv, "," if pi < len(s) - 1 else ""))
        lines.append(" ]," if si < len(w.strokes) - 1 else " ]")
    lines.append("]}")
    return "\n".join(lines) + "\n"


def check(name, w):
    last = -1
    for s in w.strokes:
        assert s, name
        for p in s:
            assert 0 <= p["x"] <= w.width and 0 <= p["y"] <= w.height, (name, p)
            assert p["t"] >= last, (name, p)
            last = p["t"]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    outdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "tests", "data",
                                                                "signatures")
    os.makedirs(outdir, exist_ok=True)
    for name, fn in FILES:
        w = fn()
        check(name, w)
        path = os.path.join(outdir, name + ".strokes.json")
        with open(path, "w", newline="\n") as fh:
            fh.write(dump(w))
        print("%-28s %2d strokes %4d points" % (name + ".strokes.json", len(w.strokes),
                                                 w.npoints()))


if __name__ == "__main__":
    main()
