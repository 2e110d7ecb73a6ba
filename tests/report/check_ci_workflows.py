#!/usr/bin/env python3
"""ci/github-actions.yml and ci/gitlab-ci.yml parse as YAML and hold the
pipeline the README describes: N shard jobs running `lwipsim report --shard
I/N`, then one job that merges them with --gate and keeps report.html. Every
`lwipsim report` option the workflows use is one `lwipsim report --help`
lists, and the setup script they run exists.

usage: check_ci_workflows.py LWIPSIM SOURCE_DIR    (exit 77: no PyYAML)"""
import os
import re
import subprocess
import sys

try:
    import yaml
except ImportError:
    print("SKIP: python3-yaml is not installed")
    sys.exit(77)

lwipsim, src = sys.argv[1], sys.argv[2]
fails = []


def check(cond, what):
    if not cond:
        fails.append(what)


def runs(steps):
    return "\n".join(s.get("run", "") for s in steps if isinstance(s, dict))


def uses(steps, action):
    return [s for s in steps if isinstance(s, dict) and s.get("uses", "").startswith(action + "@")]


help_text = subprocess.run([lwipsim, "report", "--help"], capture_output=True, text=True).stdout
for opt in ("--shard", "--merge", "--gate", "--lwipopts", "--out"):
    check(opt in help_text, f"lwipsim report --help does not list {opt}")


def options_known(text, where):
    for line in re.findall(r"lwipsim report[^\n]*(?:\n\s+--[^\n]*)*", text):
        for opt in re.findall(r"(?<![\w-])--[a-z][a-z-]*", line):
            check(opt in help_text, f"{where}: `lwipsim report {opt}` is not an option of lwipsim report")


check(os.access(os.path.join(src, "ci/setup-report.sh"), os.X_OK), "ci/setup-report.sh missing or not executable")

# GitHub Actions
gh = yaml.safe_load(open(os.path.join(src, "ci/github-actions.yml")))
on = gh.get("on", gh.get(True))  # YAML 1.1 reads the key `on` as true
check(isinstance(on, dict) and "pull_request" in on, "github: not run on pull requests")
shard, report = gh["jobs"].get("shard", {}), gh["jobs"].get("report", {})
matrix = shard.get("strategy", {}).get("matrix", {}).get("shard")
check(isinstance(matrix, list) and len(matrix) >= 2 and matrix == list(range(1, len(matrix) + 1)),
      f"github: matrix.shard is not 1..N: {matrix}")
text = runs(shard.get("steps", []))
check("--shard ${{ matrix.shard }}/${{ strategy.job-total }}" in text, "github: the shard job does not run --shard I/N")
check("setup-report.sh" in text, "github: the shard job does not build lwipsim")
options_known(text, "github shard")
up = uses(shard.get("steps", []), "actions/upload-artifact")
check(up and "${{ matrix.shard }}" in up[0]["with"]["name"], "github: shards are not uploaded one artifact each")
check(report.get("needs") in ("shard", ["shard"]), "github: the report job does not wait for the shards")
steps = report.get("steps", [])
down = uses(steps, "actions/download-artifact")
check(down and down[0]["with"].get("pattern") == "lwipsim-shard-*", "github: the report job does not fetch every shard")
text = runs(steps)
check(re.search(r"--merge shards/lwipsim-shard-\* --out report --gate", text), "github: no merge with --gate")
options_known(text, "github report")
ups = [s["with"]["path"] for s in uses(steps, "actions/upload-artifact")]
check(any("report/report.html" in p for p in ups), "github: report.html is not uploaded")
check("report/report.md >> \"$GITHUB_STEP_SUMMARY\"" in text, "github: report.md is not the job summary")
check(any("report/report.md" in s["with"]["script"] for s in uses(steps, "actions/github-script")),
      "github: report.md is not posted on the pull request")
check(re.search(r"steps\.merge\.outputs\.rc.*\n.*exit 1", text), "github: the gate does not fail the job")

# GitLab CI
gl = yaml.safe_load(open(os.path.join(src, "ci/gitlab-ci.yml")))
shard, report = gl.get("lwipsim-shard", {}), gl.get("lwipsim-report", {})
check(isinstance(shard.get("parallel"), int) and shard["parallel"] >= 2, "gitlab: the shard job is not parallel")
flat = lambda script: "\n".join(x if isinstance(x, str) else "\n".join(x) for x in script)
text = flat(shard.get("script", []))
check('--shard "$CI_NODE_INDEX/$CI_NODE_TOTAL"' in text, "gitlab: the shard job does not run --shard I/N")
check("setup-report.sh" in text, "gitlab: the shard job does not build lwipsim")
options_known(text, "gitlab shard")
check("lwipsim-shard" in report.get("needs", []), "gitlab: the report job does not wait for the shards")
text = flat(report.get("script", []))
check("--merge shard-* --out report --gate" in text, "gitlab: no merge with --gate")
options_known(text, "gitlab report")
check("report/report.html" in report.get("artifacts", {}).get("paths", []), "gitlab: report.html is not kept")
check(report.get("artifacts", {}).get("reports", {}).get("junit") == "report/junit.xml", "gitlab: no junit report")

for f in fails:
    print("FAIL:", f)
if not fails:
    print("ci workflows: both parse; shards, merge with --gate, report.html kept; options known to lwipsim report")
sys.exit(1 if fails else 0)
