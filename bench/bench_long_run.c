/* Does a run's memory or record grow with its length? Two long runs, each
 * measured for wall time, the peak RSS of the runner and its run's process
 * (wait4), and the size of the record:
 *   - the bundled mdns-http-reload capture tiled to 100,000 frames, replayed
 *     on the demand build (no pool runs dry, so the whole capture is used);
 *   - 10^5 s (27.8 h) of virtual time, no capture: a DHCP device with mDNS
 *     and an HTTP listener, lwIP's timers at their deadlines.
 * Printed as one table; nothing is asserted (scenario.limits asserts the
 * bounds). LWIPSIM_BENCH_BIN=DIR measures another build's bin/ (a before and
 * after comparison); LWIPSIM_BENCH_KEEP=1 keeps the scenarios. */
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tile.h"

/* the seed scenario's device (scenarios/mdns-http-reload/scenario.ini) */
static const uint8_t seed_mac[6] = { 0x28, 0xcd, 0xc1, 0x03, 0x9e, 0x26 };

extern char **environ;

#define TILED_FRAMES 100000ull

static double now_s(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int write_text(const char *path, const char *text)
{
  FILE *f = fopen(path, "w");
  if (f == NULL || fputs(text, f) < 0 || fclose(f) != 0) {
    fprintf(stderr, "cannot write %s\n", path);
    return -1;
  }
  return 0;
}

/* One run: lwipsim replay --profile P [--demand] --scenario DIR --json
 * DIR/record.json; 0, or -1 when it could not run or ended in a harness or
 * input error. */
static int measure(const char *bin, const char *what, const char *profile, int demand, const char *dir)
{
  char lwipsim[4200], json[4200];
  snprintf(lwipsim, sizeof lwipsim, "%s/lwipsim", bin);
  snprintf(json, sizeof json, "%s/record.json", dir);
  char *argv[] = { lwipsim,   "replay", "--profile", (char *)profile, "--scenario", (char *)dir, "--json", json,
                   "--quiet", NULL,     NULL };
  if (demand) {
    argv[9] = argv[8];
    argv[8] = "--demand";
  }
  double t0 = now_s();
  pid_t pid;
  if (posix_spawn(&pid, argv[0], NULL, NULL, argv, environ) != 0) {
    perror("posix_spawn");
    return -1;
  }
  int status;
  struct rusage ru;
  /* the runner's rusage includes its run's process, which it waited for */
  if (wait4(pid, &status, 0, &ru) < 0) {
    perror("wait4");
    return -1;
  }
  double wall = now_s() - t0;
  int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  struct stat st;
  long long size = stat(json, &st) == 0 ? (long long)st.st_size : -1;
  printf("| %-48s | %-20s | %8.2f | %10.1f | %12lld | %4d |\n", what, profile, wall, (double)ru.ru_maxrss / 1024.0,
         size, code);
  fflush(stdout);
  return code == 2 || code < 0 ? -1 : 0;
}

int main(void)
{
  const char *bin = getenv("LWIPSIM_BENCH_BIN") ? getenv("LWIPSIM_BENCH_BIN") : LWIPSIM_BIN_DIR;
  char dir[] = "/tmp/lwipsim-bench-long-XXXXXX";
  if (mkdtemp(dir) == NULL) {
    perror("mkdtemp");
    return 1;
  }
  char tiled[sizeof dir + 16], idle[sizeof dir + 16], path[sizeof dir + 64], ini[1024];
  snprintf(tiled, sizeof tiled, "%s/tiled", dir);
  snprintf(idle, sizeof idle, "%s/idle", dir);
  if (mkdir(tiled, 0700) != 0 || mkdir(idle, 0700) != 0) {
    perror("mkdir");
    return 1;
  }
  snprintf(path, sizeof path, "%s/capture.pcap", tiled);
  uint64_t frames, span_us;
  if (lwipsim_bench_tile(LWIPSIM_SOURCE_DIR "/scenarios/mdns-http-reload/capture.pcap", path, seed_mac,
                         LWIPSIM_TILE_STATIC, 0, TILED_FRAMES, &frames, &span_us) != 0) {
    return 1;
  }
  snprintf(path, sizeof path, "%s/scenario.ini", tiled);
  snprintf(ini, sizeof ini,
           "[scenario]\ndescription = bench: mdns-http-reload tiled to %llu frames\ncapture = capture.pcap\n"
           "duration = %llums\n[device]\nmac = 28:cd:c1:03:9e:26\n[script]\n0s = netif-up\n"
           "0s = static 10.77.0.2/24 gw 10.77.0.1\n0.5s = mdns-start kittyfood _http._tcp 80\n"
           "0.5s = http-listen 80\n",
           (unsigned long long)frames, (unsigned long long)(span_us / 1000 + 1000));
  if (write_text(path, ini) != 0) {
    return 1;
  }
  snprintf(path, sizeof path, "%s/scenario.ini", idle);
  if (write_text(path, "[scenario]\ndescription = bench: 10^5 s of a DHCP device with mDNS and HTTP, no traffic\n"
                       "duration = 100000s\n[script]\n0s = netif-up\n0s = dhcp\n0s = mdns-start lwipsim-long\n"
                       "0s = http-listen 80\n") != 0) {
    return 1;
  }

  printf("bench.long_run (%s)\n", bin);
  printf("| %-48s | %-20s | %8s | %10s | %12s | %4s |\n", "run", "profile", "wall s", "peak MiB", "record bytes",
         "exit");
  static const char dashes[] = "--------------------------------------------------";
  printf("|%.50s|%.22s|%.10s|%.12s|%.14s|%.6s|\n", dashes, dashes, dashes, dashes, dashes, dashes);
  char what[128];
  snprintf(what, sizeof what, "tiled capture, %llu frames, %.0f s virtual", (unsigned long long)frames,
           (double)span_us / 1e6);
  int rc = measure(bin, what, "circuitpython-9.0.5", 1, tiled);
  rc |= measure(bin, "10^5 s virtual, no capture, timers at deadline", "circuitpython-9.0.5", 0, idle);

  char rm[sizeof dir + 16];
  snprintf(rm, sizeof rm, "%s %s", getenv("LWIPSIM_BENCH_KEEP") ? "true" : "rm -rf", dir);
  if (system(rm) != 0) {
    fprintf(stderr, "could not remove %s\n", dir);
  }
  return rc == 0 ? 0 : 1;
}
