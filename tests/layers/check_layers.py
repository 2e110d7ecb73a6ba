#!/usr/bin/env python3
"""Fails when a folder of sim/ includes one sim/layers.txt does not allow.

usage: check_layers.py SOURCE_DIR
Every `#include "X/..."` in sim/**/*.c and *.h whose target exists under
sim/ is an edge from the including file's folder to the target's folder
(stack/<part> counts as its own folder). Prints one line per forbidden edge,
and one per folder missing from the table.
"""
import os
import re
import sys

src = sys.argv[1]
sim = os.path.join(src, "sim")


def folder(rel):
    parts = rel.split("/")[:-1]
    if not parts:
        return ""
    if parts[0] == "stack" and len(parts) > 1:
        return "stack/" + parts[1]
    return parts[0]


allowed = {}
with open(os.path.join(sim, "layers.txt")) as f:
    for n, line in enumerate(f, 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        name, _, deps = line.partition(":")
        allowed[name.strip()] = set(deps.split())

include = re.compile(r'^\s*#\s*include\s+"([^"]+)"')
errors = []
folders = set()
edges = 0
for root, _, files in os.walk(sim):
    for name in sorted(files):
        if not name.endswith((".c", ".h")):
            continue
        path = os.path.join(root, name)
        rel = os.path.relpath(path, sim)
        here = folder(rel)
        if here.endswith("/include") or rel.startswith("stack/port/include/"):
            here = "stack/port"  # the overlay headers lwIP includes
        folders.add(here)
        with open(path, errors="replace") as f:
            for n, line in enumerate(f, 1):
                m = include.match(line)
                if not m or not os.path.exists(os.path.join(sim, m.group(1))):
                    continue
                there = folder(m.group(1))
                if there in ("", here):
                    continue
                edges += 1
                if here in allowed and there not in allowed[here]:
                    errors.append(f"sim/{rel}:{n}: includes {m.group(1)}: {here} may not include {there} (sim/layers.txt)")
for f in sorted(folders - set(allowed) - {""}):
    errors.append(f"sim/{f}: folder not in sim/layers.txt; add it with the folders it may include")
for e in errors:
    print(e)
print(f"{edges} include edges between {len(folders)} folders checked, {len(errors)} problem(s)")
sys.exit(1 if errors else 0)
