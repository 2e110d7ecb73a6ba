/* How long does an hour of virtual time take? The bundled mdns-http-reload
 * capture is tiled into an hour of traffic (in a temporary folder, never the
 * repo), then replayed through each bundled profile. Prints the wall time;
 * the target (under a second) is read by people, not asserted. Demand builds
 * are used so that no run ends early on an empty pool. */
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tile.h"

/* the seed scenario's device (scenarios/mdns-http-reload/scenario.ini) */
static const uint8_t seed_mac[6] = { 0x28, 0xcd, 0xc1, 0x03, 0x9e, 0x26 };

extern char **environ;

#define HOUR_MS 3600000ull

static double now_s(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(void)
{
  char dir[] = "/tmp/lwipsim-bench-XXXXXX";
  if (mkdtemp(dir) == NULL) {
    perror("mkdtemp");
    return 1;
  }
  char cap[256], ini[256];
  snprintf(cap, sizeof cap, "%s/capture.pcap", dir);
  snprintf(ini, sizeof ini, "%s/scenario.ini", dir);
  uint64_t frames, span_us;
  if (lwipsim_bench_tile(LWIPSIM_SOURCE_DIR "/scenarios/mdns-http-reload/capture.pcap", cap, seed_mac,
                         LWIPSIM_TILE_STATIC, HOUR_MS * 1000, 0, &frames, &span_us) != 0) {
    return 1;
  }
  FILE *f = fopen(ini, "w");
  fprintf(f, "[scenario]\ndescription = bench: mdns-http-reload tiled to one hour\ncapture = capture.pcap\n"
             "duration = 3600s\n[device]\nmac = 28:cd:c1:03:9e:26\n[script]\n0s = netif-up\n"
             "0s = static 10.77.0.2/24 gw 10.77.0.1\n0.5s = mdns-start kittyfood _http._tcp 80\n"
             "0.5s = http-listen 80\n");
  fclose(f);

  static const char *const profiles[] = { "circuitpython-9.0.5-sys-timeout-20", "circuitpython-10.0.0-alpha.4",
                                          "lwip-2.1.3-mdns", "pico-examples-httpd" };
  int status_all = 0;
  for (size_t i = 0; i < sizeof profiles / sizeof profiles[0]; i++) {
    /* Demand builds: no pool runs dry, so every run covers the whole hour. */
    char *argv[] = { LWIPSIM_BIN_DIR "/lwipsim",
                     "replay",
                     "--profile",
                     (char *)profiles[i],
                     "--demand",
                     "--scenario",
                     dir,
                     "--quiet",
                     NULL };
    double t0 = now_s();
    pid_t pid;
    if (posix_spawn(&pid, argv[0], NULL, NULL, argv, environ) != 0) {
      perror("posix_spawn");
      return 1;
    }
    int status;
    waitpid(pid, &status, 0);
    double wall = now_s() - t0;
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    printf("bench.replay_hour: %-36s 3600 s virtual, %llu frames, %.3f s wall (%.0fx real time), exit %d\n",
           profiles[i], (unsigned long long)frames, wall, 3600.0 / wall, code);
    if (code == 2 || code < 0) {
      status_all = 1; /* a harness error, not a slow run */
    }
  }
  char rm[300];
  /* LWIPSIM_BENCH_KEEP=1 keeps the tiled scenario for a closer look. */
  snprintf(rm, sizeof rm, "%s %s", getenv("LWIPSIM_BENCH_KEEP") ? "true" : "rm -rf", dir);
  if (system(rm) != 0) {
    fprintf(stderr, "could not remove %s\n", dir);
  }
  return status_all;
}
