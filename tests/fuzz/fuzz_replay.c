/* libFuzzer target: the whole replay of a fuzzed capture against a fixed
 * profile (circuitpython-9.0.5 with DHCP, mDNS and an HTTP server), through
 * the runner the fuzz build compiled: pcap reading, the receive filter, the
 * rewriter, lwIP itself, the probe and the record.
 *
 * Each input runs in the runner process (fork + exec), so lwIP starts fresh
 * every time. What happens there is sorted by where it happened:
 * - the runner's parent dies of a signal, or a sanitizer names a frame in
 *   lwipsim's own code (sim/, tests/): a bug of ours, so this process aborts
 *   and libFuzzer keeps the input;
 * - a sanitizer names a frame in lwIP: a finding, not our crash. The input is
 *   kept in the findings folder ($LWIPSIM_FUZZ_FINDINGS, docs/findings.md)
 *   and the search goes on. */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "fuzz_file.h"

#ifndef LWIPSIM_FUZZ_RUNNER
#error "LWIPSIM_FUZZ_RUNNER: the runner to fuzz (tests/fuzz/CMakeLists.txt sets it)"
#endif

static const char scenario_ini[] = "[scenario]\n"
                                   "description = fuzzed capture\n"
                                   "duration = 30s\n"
                                   "capture = capture.pcap\n"
                                   "\n[device]\nmac = 28:cd:c1:03:9e:26\n"
                                   "\n[script]\n"
                                   "0s = netif-up\n"
                                   "0s = dhcp\n"
                                   "0s = ipv6-linklocal on\n"
                                   "1s = mdns-start lwipsim _http._tcp 80\n"
                                   "1s = http-listen 80\n"
                                   "2s = udp-listen 5000\n";

/* "... /path/file.c:LINE..." in a sanitizer line: the path, or NULL. */
static const char *frame_path(const char *line)
{
  if (line[0] == '/') {
    return line; /* UBSan: "/path/file.c:318:5: runtime error: ..." */
  }
  const char *p = strstr(line, " /");
  return p != NULL ? p + 1 : NULL; /* ASan: "    #0 0x... in func /path/file.c:12:3" */
}

/* 1: a sanitizer report whose first located frame is lwipsim's own code;
 * 0: in lwIP (a finding) or no report. */
static int ours(const char *log, int *finding)
{
  FILE *f = fopen(log, "r");
  char line[2048];
  int in_report = 0, verdict = 0;

  *finding = 0;
  if (f == NULL) {
    return 0;
  }
  while (fgets(line, sizeof line, f) != NULL) {
    const char *path;
    if (strstr(line, "runtime error:") != NULL && (path = frame_path(line)) != NULL) {
      in_report = 0; /* UBSan: the location leads the line */
    } else if (strstr(line, "ERROR: AddressSanitizer") != NULL || strstr(line, "ERROR: LeakSanitizer") != NULL) {
      in_report = 1;
      continue;
    } else if (!(in_report && strstr(line, " in ") != NULL && (path = frame_path(line)) != NULL)) {
      continue;
    }
    if (strstr(path, "/sim/") != NULL || strstr(path, "/tests/") != NULL) {
      verdict = 1;
      break;
    }
    if (strstr(path, "/lwip/") != NULL) {
      *finding = 1;
      break;
    }
  }
  fclose(f);
  return verdict;
}

/* libFuzzer sees coverage of this process only, not of the runner it
 * execs. So what the run did, read from its record, is turned into code
 * coverage here: one switch per figure, a case per value bucket. An input
 * that makes lwIP behave in a new way (a new outcome, a new pool peak, more
 * frames answered) then covers a new case, and libFuzzer keeps it. */
volatile unsigned lwipsim_fuzz_sink; /* written by each case: keeps the cases apart */
#define FEATURE(name)                                    \
  static __attribute__((noinline)) void name(unsigned v) \
  {                                                      \
    switch (v & 15) {                                    \
    case 0: lwipsim_fuzz_sink = 0; break;                \
    case 1: lwipsim_fuzz_sink = 1; break;                \
    case 2: lwipsim_fuzz_sink = 2; break;                \
    case 3: lwipsim_fuzz_sink = 3; break;                \
    case 4: lwipsim_fuzz_sink = 4; break;                \
    case 5: lwipsim_fuzz_sink = 5; break;                \
    case 6: lwipsim_fuzz_sink = 6; break;                \
    case 7: lwipsim_fuzz_sink = 7; break;                \
    case 8: lwipsim_fuzz_sink = 8; break;                \
    case 9: lwipsim_fuzz_sink = 9; break;                \
    case 10: lwipsim_fuzz_sink = 10; break;              \
    case 11: lwipsim_fuzz_sink = 11; break;              \
    case 12: lwipsim_fuzz_sink = 12; break;              \
    case 13: lwipsim_fuzz_sink = 13; break;              \
    case 14: lwipsim_fuzz_sink = 14; break;              \
    default: lwipsim_fuzz_sink = 15; break;              \
    }                                                    \
  }
FEATURE(feature_outcome)
FEATURE(feature_injected)
FEATURE(feature_transmitted)
FEATURE(feature_diverged)
FEATURE(feature_pool_0)
FEATURE(feature_pool_1)
FEATURE(feature_pool_2)
FEATURE(feature_pool_3)

static unsigned log2_bucket(double v)
{
  unsigned b = 0;
  while (v >= 1.0 && b < 15) {
    v /= 2;
    b++;
  }
  return b;
}

static double number_at(const cJSON *o, const char *a, const char *b)
{
  const cJSON *x = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(o, a), b);
  return cJSON_IsNumber(x) ? x->valuedouble : 0;
}

static void record_features(const char *path)
{
  static const char *const pools[] = { "SYS_TIMEOUT", "TCP_PCB", "PBUF_POOL", "UDP_PCB" };
  void (*const pool_feature[])(unsigned) = { feature_pool_0, feature_pool_1, feature_pool_2, feature_pool_3 };
  FILE *f = fopen(path, "r");
  static char text[1 << 20];
  size_t n = f != NULL ? fread(text, 1, sizeof text - 1, f) : 0;
  if (f != NULL) {
    fclose(f);
  }
  text[n] = '\0';
  cJSON *rec = cJSON_Parse(text);
  if (rec == NULL) {
    return;
  }
  const cJSON *outcome = cJSON_GetObjectItemCaseSensitive(rec, "outcome");
  feature_outcome(cJSON_IsString(outcome) ? (unsigned)outcome->valuestring[0] + (unsigned)strlen(outcome->valuestring)
                                          : 0);
  feature_injected(log2_bucket(number_at(rec, "frames", "injected")));
  feature_transmitted(log2_bucket(number_at(rec, "frames", "transmitted")));
  feature_diverged(log2_bucket(number_at(rec, "divergence", "diverged")));
  const cJSON *pool;
  cJSON_ArrayForEach(pool, cJSON_GetObjectItemCaseSensitive(rec, "pools"))
  {
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(pool, "name");
    const cJSON *peak = cJSON_GetObjectItemCaseSensitive(pool, "peak");
    for (size_t i = 0; cJSON_IsString(name) && cJSON_IsNumber(peak) && i < 4; i++) {
      if (strcmp(name->valuestring, pools[i]) == 0) {
        pool_feature[i]((unsigned)peak->valuedouble);
      }
    }
  }
  cJSON_Delete(rec);
}

static void keep_finding(const uint8_t *data, size_t size)
{
  const char *dir = getenv("LWIPSIM_FUZZ_FINDINGS");
  char path[512];
  static unsigned n;
  if (dir == NULL || *dir == '\0') {
    return;
  }
  snprintf(path, sizeof path, "%s/lwip-finding-%d-%u.pcap", dir, (int)getpid(), n++);
  FILE *f = fopen(path, "wb");
  if (f != NULL) {
    fwrite(data, 1, size, f);
    fclose(f);
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  char capture[64], ini[64], log[64], dir[64], json[80];

  if (lwipsim_fuzz_write_file(data, size, "capture.pcap", capture, sizeof capture) != 0 ||
      lwipsim_fuzz_write_file((const uint8_t *)scenario_ini, sizeof scenario_ini - 1, "scenario.ini", ini,
                              sizeof ini) != 0) {
    return 0;
  }
  snprintf(dir, sizeof dir, "%.*s", (int)(strrchr(ini, '/') - ini), ini);
  snprintf(log, sizeof log, "%s/runner.log", dir);
  snprintf(json, sizeof json, "%s/run.json", dir);
  unlink(json);
  const char *runner = getenv("LWIPSIM_FUZZ_RUNNER");
  if (runner == NULL || *runner == '\0') {
    runner = LWIPSIM_FUZZ_RUNNER;
  }
  pid_t pid = fork();
  if (pid == 0) {
    int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int null = open("/dev/null", O_WRONLY);
    dup2(null, 1);
    dup2(fd, 2);
    execl(runner, runner, "--scenario", dir, "--quiet", "--json", json, (char *)NULL);
    _exit(127);
  }
  int status = 0;
  if (pid < 0 || waitpid(pid, &status, 0) < 0) {
    return 0;
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
    fprintf(stderr, "fuzz_replay: cannot run %s\n", runner);
    abort();
  }
  int finding;
  if (WIFSIGNALED(status) || ours(log, &finding)) {
    /* the runner itself, not its isolated child, went down: lwipsim's bug */
    fprintf(stderr, "fuzz_replay: lwipsim's own code failed on this input (runner log %s):\n", log);
    FILE *f = fopen(log, "r");
    char line[1024];
    for (int i = 0; f != NULL && i < 40 && fgets(line, sizeof line, f) != NULL; i++) {
      fputs(line, stderr);
    }
    if (f != NULL) {
      fclose(f);
    }
    abort();
  }
  if (finding) {
    keep_finding(data, size);
  }
  record_features(json);
  return 0;
}
