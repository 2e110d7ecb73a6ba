#!/usr/bin/env python3
"""Renders report.html in headless Chromium (--dump-dom) and checks what a
browser builds from it: one verdict table per profile, one <svg> per plotted
(profile, scenario, pool), one sweep chart per sweep, and no script.
Exits 77 (ctest SKIP) when no chromium is installed.

usage: check_html_dom.py LWIPSIM OUT_DIR"""
import json
import os
import re
import shutil
import subprocess
import sys

lwipsim, out = sys.argv[1:3]
browser = shutil.which("chromium") or shutil.which("chromium-browser")
if browser is None:
    print("SKIP: chromium is not installed (ci/setup.sh installs it)")
    sys.exit(77)
subprocess.run([lwipsim, "report", "--out", out], check=True, stderr=subprocess.DEVNULL)
with open(f"{out}/report.json") as f:
    report = json.load(f)
args = [browser, "--headless", "--disable-gpu", "--no-first-run", f"--user-data-dir={out}/chromium-profile",
        "--dump-dom", "file://" + os.path.abspath(f"{out}/report.html")]
if os.geteuid() == 0:
    args.insert(1, "--no-sandbox")  # Chromium refuses to sandbox as root (CI containers)
dom = subprocess.run(args, check=True, capture_output=True, text=True, timeout=120).stdout

profiles = report["profiles"]
want_plots = sum(len(s["pools"]) for p in profiles for s in p["scenarios"])
want_sweeps = sum(len(p["sweeps"]) for p in profiles)
tables = re.findall(r'<table class="verdicts" data-profile="([^"]+)"', dom)
plots = re.findall(r'<svg class="pool-plot"[^>]*data-scenario="([^"]+)" data-pool="([^"]+)"', dom)
failures = []
if tables != [p["name"] for p in profiles]:
    failures.append(f"verdict tables {tables}, want one per profile")
if len(plots) != want_plots:
    failures.append(f"{len(plots)} pool plots, want {want_plots}")
if len(re.findall(r'<svg class="sweep-plot"', dom)) != want_sweeps:
    failures.append(f"want {want_sweeps} sweep charts")
for p in profiles:
    for pool in p["pools"]:
        if pool["interesting"] and f"<td>{pool['name']}</td>" not in dom:
            failures.append(f"{p['name']}: no row for {pool['name']}")
want_heap_rows = sum(1 for p in profiles if p["heap"] is not None)
if dom.count('<tr class="heap-row"><td>HEAP (bytes)</td>') != want_heap_rows:
    failures.append(f"want {want_heap_rows} HEAP rows (one per profile whose heap is counted)")
if "<script" in dom:
    failures.append("the page has a script")
for f in failures:
    print(f)
print(f"{len(tables)} verdict tables, {len(plots)} pool plots, {want_sweeps} sweep charts in the DOM")
sys.exit(1 if failures else 0)
