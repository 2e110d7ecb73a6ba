#!/usr/bin/env python3
"""The runners' fork-server mode (`RUNNER --serve`, sim/runner/serve.c), which
`lwipsim sweep` and `report` use: every bundled profile's runner serves every
bundled scenario in turn, each run in a fresh forked child, and each record is
byte for byte the expected one (tests/expected/records, what `lwipsim replay`,
one exec per run, writes); a scenario the profile cannot run answers exit 6
with the runner's own line on the stderr handed over. SIGTERM to a server with
a run out passes the signal on: the run answers 143 (interrupted, no record),
the server exits 143 and no process is left.

usage: test_fork_server.py BIN_DIR SOURCE_DIR"""
import os
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time

bin_dir, src = sys.argv[1], sys.argv[2]
fails = []
MARK = f"fork-server-test-{os.getpid()}"


def marked():
    """The processes started by this test's servers (their environment has the mark)."""
    pids = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if f"LWIPSIM_TEST_MARK={MARK}".encode() in open(f"/proc/{pid}/environ", "rb").read().split(b"\0"):
                pids.append(pid)
        except OSError:
            pass
    return pids


class Server:
    def __init__(self, runner):
        self.sock, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        # the mark finds the server's forked children, whose command line is the server's
        self.proc = subprocess.Popen([runner, "--serve"], stdin=theirs, stdout=subprocess.DEVNULL,
                                     env=dict(os.environ, LWIPSIM_TEST_MARK=MARK))
        theirs.close()
        self.runner = runner

    def send(self, args, err):
        payload = b"".join(a.encode() + b"\0" for a in [self.runner] + args)
        socket.send_fds(self.sock, [payload], [err.fileno()])

    def result(self):
        data = self.sock.recv(4)
        return struct.unpack("i", data)[0] if len(data) == 4 else None

    def stop(self):
        self.sock.close()
        return self.proc.wait(timeout=30)


def exit_code(status):
    return os.waitstatus_to_exitcode(status)


profiles = [line.split("\t") for line in open(os.path.join(bin_dir, "profiles.tsv")) if line.strip()]
bundled = set(os.listdir(os.path.join(src, "lwipopts")))
scenarios = sorted(d for d in os.listdir(os.path.join(src, "scenarios"))
                   if os.path.isfile(os.path.join(src, "scenarios", d, "scenario.ini")))
work = tempfile.mkdtemp()
checked = not_applicable = 0
for p in profiles:
    name, runner = p[0], os.path.join(bin_dir, p[3])
    if name not in bundled:
        continue
    server = Server(runner)
    for s in scenarios:
        out = os.path.join(work, f"{name}-{s}.json")
        want = os.path.join(src, "tests/expected/records", name, s + ".json")
        with tempfile.TemporaryFile() as err:
            server.send(["--scenario", os.path.join(src, "scenarios", s), "--quiet", "--json", out], err)
            status = server.result()
            err.seek(0)
            text = err.read().decode(errors="replace")
        if status is None:
            fails.append(f"{name} x {s}: the server answered nothing")
            break
        code = exit_code(status)
        if code == 6:
            not_applicable += 1
            if os.path.exists(want):
                fails.append(f"{name} x {s}: exit 6 ({text.strip()}), but {want} expects a record")
            elif "scenario.ini:" not in text:
                fails.append(f"{name} x {s}: exit 6 without the runner's line on stderr: {text!r}")
            continue
        if not os.path.exists(out):
            fails.append(f"{name} x {s}: exit {code}, no record: {text.strip()[:200]}")
            continue
        if open(out, "rb").read() != open(want, "rb").read():
            fails.append(f"{name} x {s}: the served record differs from {want}")
        checked += 1
    rc = server.stop()
    if rc != 0:
        fails.append(f"{name}: the server exited {rc} at the end of its input")

# A run out when SIGTERM comes: a scenario that keeps a runner busy for seconds.
busy = os.path.join(work, "busy")
os.mkdir(busy)
with open(os.path.join(busy, "scenario.ini"), "w") as f:
    f.write("[scenario]\ndescription = busy\nduration = 1000000s\n\n[script]\n0s = netif-up\n"
            "0s = static 10.0.0.2/24 gw 10.0.0.1\n0s = udp-send 10.0.0.9:9 1400 every 20s\n")
server = Server(os.path.join(bin_dir, profiles[0][3]))
out = os.path.join(work, "busy.json")
with tempfile.TemporaryFile() as err:
    server.send(["--scenario", busy, "--quiet", "--json", out], err)
    time.sleep(0.5)
    server.proc.send_signal(signal.SIGTERM)
    status = server.result()
    code = exit_code(status) if status is not None else None
    if code != 143:
        fails.append(f"SIGTERM: the run answered {code}, expected 143 (interrupted)")
    if os.path.exists(out):
        fails.append("SIGTERM: the interrupted run wrote a record")
rc = server.proc.wait(timeout=30)
server.sock.close()
if rc != -signal.SIGTERM and rc != 143:
    fails.append(f"SIGTERM: the server exited {rc}, expected 143")
time.sleep(0.3)  # a child the server failed to stop would still be running now
left = marked()
if left:
    fails.append(f"SIGTERM: processes left: {left}")

for f in fails:
    print("FAIL:", f)
print(f"fork server: {checked} records identical to tests/expected/records, {not_applicable} not applicable")
sys.exit(1 if fails or checked == 0 else 0)
