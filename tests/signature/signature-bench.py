#!/usr/bin/env python3
# signature-bench.py: the signature export against the reference exporter
#
# Copyright 2026 The Member Desk authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Sizes, fidelity and times of the signature export, per stroke file.

For every stroke file in tests/data/signatures this runs
`md-signature-tool compare` (our SVG and base64 sizes, IoU of librsvg's
rendering of the export with the pad's rendering) and sigpad_ref.py, a
signature_pad-style exporter (one stroked cubic per segment, 3 decimals), on
the same strokes, and prints a Markdown table with the ratio reference/ours.
`md-signature-tool time` adds median export and repaint times, beside a plain
polyline's, measured in the same run.

  signature-bench.py BUILD_DIR [--runs N] [--check]

--check fails (exit 1) when a signature that passes the quality gate is not
at least 8 times smaller than the reference, or draws with IoU below 0.9.
"""
import argparse
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data", "signatures")
MIN_RATIO = 8.0
MIN_IOU = 0.9


def fields(line):
    return dict(part.split("=", 1) for part in line.split())


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("build_dir")
    ap.add_argument("--runs", type=int, default=100)
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()

    tool = os.path.join(args.build_dir, "tests", "signature", "md-signature-tool")
    ref = os.path.join(HERE, "sigpad_ref.py")
    names = sorted(n for n in os.listdir(DATA) if n.endswith(".strokes.json"))
    failures = []
    ratios = []

    print("| Stroke file | Points | Reference SVG | Ours | Ratio | Base64 ratio | IoU | "
          "Export ms | Repaint ms (polyline) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name in names:
        path = os.path.join(DATA, name)
        ours = fields(subprocess.run([tool, "compare", path], check=True,
                                     capture_output=True, text=True).stdout)
        stats = subprocess.run([sys.executable, ref, path, "--stats", "-o", os.devnull],
                               check=True, capture_output=True, text=True).stderr
        theirs = fields(stats.strip().splitlines()[-1])
        times = fields(subprocess.run([tool, "time", path, str(args.runs)], check=True,
                                      capture_output=True, text=True).stdout)
        ratio = int(theirs["svg_bytes"]) / int(ours["svg_bytes"])
        b64 = int(theirs["base64_bytes"]) / int(ours["base64_bytes"])
        iou = float(ours["iou"])
        signature = ours["quality"] == "ok"
        if signature:
            ratios.append(ratio)
            if ratio < MIN_RATIO:
                failures.append(f"{name}: only {ratio:.2f}x smaller than the reference")
            if iou < MIN_IOU:
                failures.append(f"{name}: IoU {iou:.4f}")
        label = name.replace(".strokes.json", "") + ("" if signature else " (refused by the gate)")
        print(f"| {label} | {ours['points']} | {theirs['svg_bytes']} | {ours['svg_bytes']} | "
              f"{ratio:.1f}x | {b64:.1f}x | {iou:.3f} | {float(times['export_ms']):.2f} | "
              f"{float(times['repaint_ms']):.2f} ({float(times['polyline_repaint_ms']):.2f}) |")

    print()
    print(f"Signatures: {len(ratios)}; size ratio min {min(ratios):.1f}x, "
          f"median {statistics.median(ratios):.1f}x, max {max(ratios):.1f}x "
          f"(target >= {MIN_RATIO:.0f}x); times are medians of {args.runs} runs.")

    if args.check and failures:
        for failure in failures:
            print("FAIL: " + failure, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
