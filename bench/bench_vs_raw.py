#!/usr/bin/env python3
"""The replay's full path against a raw lwIP feed of the same frames
(issue 12), in one run: the seed capture tiled to N frames (new
conversations per copy), replayed by `lwipsim replay --demand` (a script of
netif-up, a static address and an HTTP listener on :80: no mDNS, no DHCP)
and fed to the same profile's demand library by lwipsim_bench_raw_feed
(the same listener, the clock stopped at every due timer). Two raw feeds:
- the capture's frames as they are. The raw stack never sent the data its
  peers acknowledge, so its connections do not close as the capture's did:
  its PCB lists stay shorter and its lwIP does less work per frame;
- the frames the replay injected (its --pcapng-out, interface 0: rewritten
  for the live stack). Rewritten for the replay's live stack, not for this
  one: the raw stack picked other initial sequence numbers, so the peers'
  ACKs do not fit its SYN-ACKs, its connections never open (it sends RSTs
  and SYN-ACK retries instead, and no HTTP response) and its lwIP too does
  other work than the replay's.
So neither feed measures what lwIP itself costs inside the replay: the
table's last row does, from the replay's own callgrind profile (the
instructions in functions the profile's lwIP library defines, nm).
Prints one table: instructions per frame (callgrind, every process summed),
wall time per frame and a whole run's (the fastest of seven runs, the three
commands taking turns), peak RSS and the record's size.
Figures are read by people, never asserted.

usage: bench_vs_raw.py BIN_DIR RAW_FEED TILE SRC_DIR LWIP_LIB   (LWIPSIM_BENCH_FRAMES, default 100000,
the length of the issue's own measurements: fixed costs stop counting)"""
import os, re, shutil, statistics, subprocess, sys, tempfile, time

bin_dir, raw, tile, src, lwip_lib = sys.argv[1:6]
frames = int(os.environ.get("LWIPSIM_BENCH_FRAMES", "100000"))
mac = "28:cd:c1:03:9e:26"
profile = "circuitpython-9.0.5"
work = tempfile.mkdtemp(prefix="lwipsim-bench-raw-")
try:
    cap = os.path.join(work, "capture.pcap")
    out = subprocess.run([tile, os.path.join(src, "scenarios/http-concurrent/capture.pcap"), cap, str(frames), mac],
                         check=True, capture_output=True, text=True).stdout
    span = float(out.split()[2])
    with open(os.path.join(work, "scenario.ini"), "w") as f:
        f.write("[scenario]\ndescription = bench: http-concurrent tiled\ncapture = capture.pcap\n"
                "duration = %ds\n[device]\nmac = %s\n[script]\n0s = netif-up\n"
                "0s = static 10.77.0.2/24 gw 10.77.0.1\n0s = http-listen 80\n" % (int(span) + 2, mac))
    record = os.path.join(work, "run.json")
    full = [os.path.join(bin_dir, "lwipsim"), "replay", "--profile", profile, "--demand", "--scenario", work,
            "--json", record, "--quiet"]
    rawcmd = [raw, cap, mac]
    injected_pcap = os.path.join(work, "injected.pcapng")
    subprocess.run(full[:-3] + ["--json", os.path.join(work, "run-traced.json"), "--quiet", "--pcapng-out", injected_pcap],
                   check=False, capture_output=True)
    rawinjcmd = [raw, injected_pcap, mac]

    def walls(cmds, rounds=7):
        # The commands take turns, so a slow spell of this shared machine
        # falls on all of them; the least disturbed (fastest) run of each is
        # its figure, the median shows the spread.
        times = [[] for _ in cmds]
        for _ in range(rounds):
            for i, cmd in enumerate(cmds):
                t0 = time.monotonic()
                subprocess.run(cmd, check=False, capture_output=True)
                times[i].append(time.monotonic() - t0)
        return [(min(t), statistics.median(t)) for t in times]

    def rss(cmd):
        # GNU time: a small parent, so the figure is the command tree's own
        # (a child forked from this Python starts with Python's pages counted)
        if not os.path.exists("/usr/bin/time"):
            return None
        r = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, capture_output=True, text=True)
        return int(r.stderr.strip().splitlines()[-1])

    def lwip_symbols():
        r = subprocess.run(["nm", "--defined-only", lwip_lib], capture_output=True, text=True)
        return {f[2] for f in (line.split() for line in r.stdout.splitlines()) if len(f) == 3 and f[1] in "tT"}

    def lwip_own(cg, syms):
        # Self cost of each function (callgrind_annotate's list), summed
        # over lwIP's: a compiler's clone suffix (.constprop.0, ...) dropped.
        own = 0
        for name in os.listdir(cg):
            out = subprocess.run(["callgrind_annotate", "--auto=no", "--threshold=100", os.path.join(cg, name)],
                                 capture_output=True, text=True).stdout
            for line in out.splitlines():
                m = re.match(r"^\s*([\d,]+) (?:\([^)]*\))?\s+(\S.*)$", line)
                if not m or "PROGRAM TOTALS" in line:
                    continue
                where = re.sub(r" \[[^]]*\]$", "", m.group(2))
                fn = re.sub(r"\.(constprop|isra|part|cold|lto_priv)(\.\d+)*$", "", where.rsplit(":", 1)[-1])
                if fn in syms:
                    own += int(m.group(1).replace(",", ""))
        return own

    def instructions(cmd, own_syms=None):
        # Each instruction counted once: a forked child's callgrind counts
        # start from its parent's at the fork (its "Collected" includes them),
        # so every process dumps and zeroes its counts before each fork and
        # the dumps' totals are summed.
        if shutil.which("valgrind") is None:
            return None
        cg = os.path.join(work, "cg-%d" % len(os.listdir(work)))
        os.mkdir(cg)
        subprocess.run(["valgrind", "--tool=callgrind", "--trace-children=yes", "--dump-before=fork",
                        "--callgrind-out-file=" + os.path.join(cg, "cg.%p")] + cmd, capture_output=True, text=True)
        total = 0
        for name in os.listdir(cg):
            total += sum(int(n) for n in re.findall(r"^totals: (\d+)", open(os.path.join(cg, name)).read(), re.M))
        if own_syms is not None:
            return total, lwip_own(cg, own_syms)
        return total

    rs_raw = rss(rawcmd)
    rs_full = rss(full)
    import json
    rec = json.load(open(record))
    injected = rec["frames"]["injected"]
    fed = int(subprocess.run(rawcmd, capture_output=True, text=True).stdout.split()[0])
    fed_inj = int(subprocess.run(rawinjcmd, capture_output=True, text=True).stdout.split()[0])
    (wf, mf), (wr, mr), (wi, mi) = walls([full, rawcmd, rawinjcmd])
    full_cg = instructions(full, lwip_symbols())
    ir, lwip_in_full = full_cg if full_cg else (None, None)
    ii, iinj = instructions(rawcmd), instructions(rawinjcmd)
    size = os.path.getsize(record)
    print("bench.vs_raw: %s, http-concurrent tiled to %d capture frames (%.0f s of traffic); %d injected by the "
          "replay, %d fed raw (capture), %d fed raw (injected); divergence %d per mille" %
          (profile, frames, span, injected, fed, fed_inj, rec["divergence"]["diverged_permille"]))
    print("| figure | lwipsim replay (full path) | raw lwIP feed, capture's frames | ratio | "
          "raw lwIP feed, injected frames | ratio |")
    print("|---|--:|--:|--:|--:|--:|")
    if ir and ii and iinj:
        f, r, j = ir / injected, ii / fed, iinj / fed_inj
        print("| instructions per injected frame (callgrind) | %.0f | %.0f | %.2f | %.0f | %.2f |" % (f, r, f / r, j, f / j))
    f, r, j = wf / injected * 1e9, wr / fed * 1e9, wi / fed_inj * 1e9
    print("| wall per injected frame, fastest of 7 taking turns | %.0f ns | %.0f ns | %.2f | %.0f ns | %.2f |" %
          (f, r, f / r, j, f / j))
    print("| wall, whole run: fastest (median) of 7 | %.3f (%.3f) s | %.3f (%.3f) s | - | %.3f (%.3f) s | - |" %
          (wf, mf, wr, mr, wi, mi))
    if rs_full and rs_raw:
        print("| peak RSS (largest process) | %d KiB | %d KiB | %.2f | - | - |" % (rs_full, rs_raw, rs_full / rs_raw))
    print("| run record | %d bytes | - | - | - | - |" % size)
    if ir and lwip_in_full:
        print("| of the replay's instructions per injected frame: lwIP's own, the harness's | %.0f (%.0f%%), %.0f "
              "| - | - | - | - |" % (lwip_in_full / injected, 100.0 * lwip_in_full / ir, (ir - lwip_in_full) / injected))
finally:
    shutil.rmtree(work)
