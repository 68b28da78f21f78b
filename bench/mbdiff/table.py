#!/usr/bin/env python3
# This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0.
"""Renders bench/mbdiff/run.sh result TSVs as the markdown table of docs/benchmarks.md.

usage: bench/mbdiff/table.py RESULTS.tsv [MORE.tsv ...]
"""
import csv
import sys

rows = []
for path in sys.argv[1:]:
    with open(path, newline="") as f:
        rows += list(csv.DictReader(f, delimiter="\t"))
order = {"bsdiff": 0, "mbsdiff": 1, "exact-base": 2, "exact": 3, "fast": 4}
rows.sort(key=lambda r: (r["pair"], r["file"], order.get(r["tool"], 9)))
print("| pair | file | tool | wall s | CPU s | peak RSS MiB | patch bytes | xz bytes | applies | load 1m before/after | phases (wall, CPU) | sha-256 (first 16) |")
print("|---|---|---|---:|---:|---:|---:|---:|---|---|---|---|")
for r in rows:
    print("| {pair} | {file} | {tool} | {wall_s} | {cpu_s} | {rss:.0f} | {patch_bytes} | {xz_bytes} | {verified} | {load_before}/{load_after} | {phases} | {sha} |".format(
        rss=int(r["peak_rss_kb"]) / 1024, sha=(r.get("patch_sha256") or "-")[:16], **r))
