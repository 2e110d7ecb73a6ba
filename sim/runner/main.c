/* lwipsim-run-<profile>-lwip<version>: one profile's lwIP, built with the
 * observability overlay, replaying one scenario. The front end `lwipsim
 * replay` execs this; it can also be run by hand. */
#include <cjson/cJSON.h>
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "analysis/bounds.h"
#include "analysis/script_needs.h"
#include "capture/pcap_reader.h"
#include "capture/pcap_writer.h"
#include "capture/pcapng_writer.h"
#include "common/isolate.h"
#include "common/options.h"
#include "common/read_file.h"
#include "run_record/record.h"
#include "runner/serve.h"
#include "scenario/scenario.h"
#include "stack/engine/engine.h"
#include "stack/engine/realtime.h"
#include "stack/netif/impact_watch.h"
#include "stack/netif/tap_netif.h"
#include "stack/netif/trace.h"
#include "stack/port/heap_budget.h"
#include "stack/port/platform.h"
#include "stack/port/sim_options.h"
#include "stack/probe/assert_policy.h"
#include "stack/probe/heap_probe.h"
#include "stack/probe/probe.h"
#include "stack/probe/resolved_options.h"
#include "stack/target/target_engine.h"

#define MAX_CAPS 16
/* How long past --max-wall the parent waits before it kills a child that
 * did not stop by itself (stuck inside one lwIP call). */
#define WALL_GRACE_MS 2000

#ifndef LWIPSIM_DEMAND
#define LWIPSIM_DEMAND 0
#endif
#define MAX_OPTIONS 32
#define MAX_CYCLIC_TIMERS 32

struct run {
  struct lwipsim_scenario scenario;
  struct lwipsim_pcap_reader *capture;
  struct lwipsim_pcap_writer *pcap_out;
  uint8_t mac[6];
  enum lwipsim_assert_policy policy;
  int profile_caps;
  struct {
    char pool[32];
    uint32_t limit;
  } caps[MAX_CAPS];
  size_t n_caps;
  struct lwipsim_run_meta meta;
  const char *options[MAX_OPTIONS];
  /* Inputs of the record's worst_case bounds, fixed before the fork so a
   * crash record has them too. */
  struct lwipsim_script_summary script;
  const char *cyclic_timers[MAX_CYCLIC_TIMERS];
  struct lwipsim_bound_input bounds;
  struct lwipsim_worst_case worst_cases[8];
  int out_fd;
  /* --tap: live on a TAP device in real time instead of replaying */
  const char *tap;
  int tap_fd;
  const char *origin_file;
  volatile sig_atomic_t *stop; /* shared with the child: a signal to either ends the run */
  uint64_t max_wall_ms;        /* --max-wall: 0, or the wall-clock time a run may take */
  /* --target-image: the run is on the emulated RP2040 (sim/stack/target) */
  const char *target_image, *emulator;
  uint64_t target_budget; /* --target-budget: instructions the chip may take (0: the default) */
  struct lwipsim_target_result target;
};

static struct run run;

static void usage(FILE *out)
{
  fprintf(out,
          "usage: %s --scenario DIR [--json FILE] [--pcap-out FILE] [--pcapng-out FILE] [--device-mac MAC]\n"
          "          [--cap POOL=N ...] [--strict] [--quiet]\n"
          "       %s --tap IFNAME --scenario DIR|FILE [--duration S] [--origin-file FILE] [--json FILE] ...\n"
          "\n"
          "Replays a scenario through lwIP %s built with the %s profile (assert policy %s)\n"
          "and prints each memp pool's size, peak and failures.\n"
          "\n"
          "  --scenario DIR     folder with scenario.ini (and its capture)\n"
          "  --json FILE        write the run record (JSON) to FILE\n"
          "  --pcap-out FILE    write every frame the stack transmits to FILE\n"
          "  --pcapng-out FILE  the run as one pcapng on the capture's clock: the peers' frames as\n"
          "                     replayed and the device's, with events as packet comments\n"
          "  --device-mac MAC   the device's MAC in the capture (default: scenario's [device] mac)\n"
          "  --cap POOL=N       let at most N elements of POOL be used (demand and sweep runs);\n"
          "                     HEAP=N: lwIP's heap behaves as one of N bytes (64-bit host bytes)\n"
          "  --profile-caps     cap every pool at the profile's size (demand runners: behaves as\n"
          "                     the profile's own build)\n"
          "  --strict           any diverged frame fails the run (exit 5 instead of 0 or 3)\n"
          "  --quiet            no table on stdout\n"
          "  --tap IFNAME       live mode: frames from and to the TAP device IFNAME, virtual time\n"
          "                     follows the monotonic clock; SIGINT/SIGTERM end the run with its record\n"
          "  --duration S       live mode: end after S seconds (default: the scenario's duration)\n"
          "  --origin-file FILE live mode: write the wall-clock time of virtual 0 (microseconds)\n"
          "  --max-wall S       stop the run after S seconds of wall-clock time: outcome timeout\n"
          "  --target-image ELF run on this RP2040 firmware image in the emulator (lwipsim replay\n"
          "                     --target rp2040 passes it), with --emulator FILE (firmware/emu/chip.mjs);\n"
          "                     or on the ILP32 host chip (--target ilp32: ELF and FILE are its executable)\n"
          "  --target-budget N  the chip may take N instructions (default 4000000000): outcome timeout\n"
          "  --no-timelines     the record's pools have no timeline (sweep runs: only peaks and\n"
          "                     failures are read, and a timeline is most of a record's bytes)\n"
          "\n"
          "exit: 0 ok, 2 usage, input or harness error, 3 pool failure, 4 panic or crash,\n"
          "      5 frames diverged (--strict), 6 the script needs a feature this profile turns off,\n"
          "      7 timeout (--max-wall)\n",
          "lwipsim-run-" LWIPSIM_PROFILE_NAME "-lwip" LWIPSIM_LWIP_VERSION_STR,
          "lwipsim-run-" LWIPSIM_PROFILE_NAME "-lwip" LWIPSIM_LWIP_VERSION_STR, LWIPSIM_LWIP_VERSION_STR,
          LWIPSIM_PROFILE_NAME, LWIPSIM_ASSERT_POLICY_STR);
}

static int write_all(int fd, const char *s, size_t n)
{
  while (n > 0) {
    ssize_t w = write(fd, s, n);
    if (w < 0 && errno == EINTR) {
      continue;
    }
    if (w <= 0) {
      return -1;
    }
    s += w;
    n -= (size_t)w;
  }
  return 0;
}

/* The child's own failure: the reason goes into the shared state, where the
 * parent finds it and writes a harness-error record (never a finding). */
static void set_harness_error(const char *why)
{
  size_t n = strnlen(why, sizeof lwipsim_state->harness_error - 1);
  memmove(lwipsim_state->harness_error, why, n);
  lwipsim_state->harness_error[n] = '\0';
}

static int child_harness_error(const char *why)
{
  set_harness_error(why);
  return LWIPSIM_EXIT_HARNESS;
}

/* The end of every run in the child, normal or by panic. */
static int emit_record(void)
{
  char trace_err[PATH_MAX + 128];
  if (lwipsim_trace_finish(trace_err, sizeof trace_err) != 0) {
    fprintf(stderr, "lwipsim: --pcapng-out %s\n", trace_err);
    return LWIPSIM_EXIT_USAGE;
  }
  if (run.pcap_out != NULL) {
    char err[PATH_MAX + 128];
    int failed = lwipsim_pcap_writer_finish(run.pcap_out, err, sizeof err);

    run.pcap_out = NULL;
    /* the harness's own failure, not lwIP's: one line and exit 2, no record
     * that would pass for a finished run */
    if (failed != 0) {
      fprintf(stderr, "lwipsim: --pcap-out %s\n", err);
      return LWIPSIM_EXIT_USAGE;
    }
  }
  lwipsim_impact_watch_finish();
  /* written straight from the run state: no tree to build, print and free */
  char *text = lwipsim_record_text(&run.meta, lwipsim_state);
  if (text == NULL) {
    return child_harness_error("out of memory writing the run record");
  }
  int code = lwipsim_outcome_exit_code(lwipsim_record_run_outcome(&run.meta, lwipsim_state));
  if (write_all(run.out_fd, text, strlen(text)) != 0 || write_all(run.out_fd, "\n", 1) != 0) {
    code = child_harness_error("cannot hand the run record to the runner (write to its pipe failed)");
  }
  free(text);
  return code;
}

/* --max-wall in the child: the engine stops before its next step and the
 * record is written as usual, with outcome timeout. */
static volatile sig_atomic_t wall_stop;

static void on_wall_limit(int sig)
{
  (void)sig;
  wall_stop = 1;
  if (run.stop != NULL) {
    *run.stop = 1; /* live mode's own stop flag */
  }
}

static void arm_wall_limit(void)
{
  if (run.max_wall_ms == 0) {
    return;
  }
  /* SA_RESTART: the record's writes to the pipe go on if the limit comes then */
  struct sigaction sa = { .sa_handler = on_wall_limit, .sa_flags = SA_RESTART };
  sigemptyset(&sa.sa_mask);
  sigaction(SIGALRM, &sa, NULL);
  struct itimerval it = { .it_value = { .tv_sec = (time_t)(run.max_wall_ms / 1000),
                                        .tv_usec = (suseconds_t)(run.max_wall_ms % 1000 * 1000) } };
  setitimer(ITIMER_REAL, &it, NULL);
}

static void on_panic(void)
{
  lwipsim_engine_read_rest(); /* what the captured device did after this moment */
  _exit(emit_record());
}

static void release_inputs(void)
{
  if (run.capture != NULL) {
    lwipsim_pcap_close(run.capture);
    run.capture = NULL;
  }
  if (run.pcap_out != NULL) {
    lwipsim_pcap_writer_close(run.pcap_out);
    run.pcap_out = NULL;
  }
  lwipsim_trace_abandon();
  if (run.tap != NULL && run.tap_fd > 0) {
    close(run.tap_fd);
    run.tap_fd = -1;
  }
  lwipsim_scenario_free(&run.scenario);
}

/* One line naming the input and the problem, then exit status 2. */
static int input_error(const char *message)
{
  fprintf(stderr, "lwipsim: %s\n", message);
  release_inputs();
  return LWIPSIM_EXIT_USAGE;
}

/* `lwipsim replay --target rp2040`: the same scenario on the profile's
 * firmware image in the emulator; the record is this runner's, with the
 * chip's counters (sim/stack/target/target_engine.h). */
static int target_run(char *err, size_t errlen)
{
  signal(SIGINT, SIG_DFL);
  signal(SIGTERM, SIG_DFL);
  struct lwipsim_target_config cfg = {
    .scenario = &run.scenario,
    .capture = run.capture,
    .pcap_out = run.pcap_out,
    .device_mac = run.mac,
    .ipv6_built = (int)lwipsim_option_get(run.bounds.options, run.bounds.n_options, "LWIP_IPV6", 0),
    .image = run.target_image,
    .emulator = run.emulator,
    .max_instructions = run.target_budget,
    .stop = &wall_stop,
  };
  int rc = lwipsim_target_run(&cfg, &run.target, err, errlen);
  run.meta.fault = run.target.fault;
  run.meta.fault_pc = run.target.fault_pc;
  run.meta.fault_symbol = run.target.fault_symbol;
  run.meta.target_instructions = run.target.instructions;
  run.meta.target_cycles = run.target.cycles;
  if (run.target.target != NULL) {
    run.meta.target = run.target.target; /* which chip the image is (rp2040, ilp32) */
  }
  return rc;
}

static int child_main(void *ctx, int out_fd)
{
  (void)ctx;
  run.out_fd = out_fd;
  lwipsim_heap_init(LWIPSIM_HEAP_BUDGET);
  lwipsim_probe_init(run.meta.duration_ms);
  lwipsim_heap_probe_init(run.meta.duration_ms);
  arm_wall_limit();
  if (run.profile_caps) {
    lwipsim_probe_cap_to_profile();
    lwipsim_heap_probe_cap_to_profile();
  }
  for (size_t i = 0; i < run.n_caps; i++) {
    if (strcmp(run.caps[i].pool, "HEAP") == 0) {
      lwipsim_heap_probe_set_cap(run.caps[i].limit);
    } else {
      lwipsim_probe_set_cap(run.caps[i].pool, run.caps[i].limit);
    }
  }
  lwipsim_rand_seed(run.scenario.seed);
  lwipsim_assert_set_policy(run.policy, on_panic);
  char err[512];
  int rc;
  if (run.tap != NULL) {
    struct lwipsim_realtime_config cfg = { .scenario = &run.scenario,
                                           .tap_fd = run.tap_fd,
                                           .pcap_out = run.pcap_out,
                                           .device_mac = run.mac,
                                           .duration_ms = run.meta.duration_ms,
                                           .origin_file = run.origin_file,
                                           .stop = run.stop };
    rc = lwipsim_realtime_run(&cfg, err, sizeof err);
  } else if (run.target_image != NULL) {
    rc = target_run(err, sizeof err);
  } else {
    /* a stop the parent passes on ends a replay, even one started with the
     * signal ignored (a background job of a script) */
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    struct lwipsim_engine_config cfg = { .scenario = &run.scenario,
                                         .capture = run.capture,
                                         .pcap_out = run.pcap_out,
                                         .device_mac = run.mac,
                                         .stop = &wall_stop };
    rc = lwipsim_engine_run(&cfg, err, sizeof err);
  }
  if (rc != 0) {
    fprintf(stderr, "lwipsim: %s\n", err);
    return LWIPSIM_EXIT_USAGE;
  }
  /* --max-wall, or a chip that used its instruction budget (never a hang) */
  lwipsim_state->timed_out = wall_stop || run.target.hung;
  return emit_record();
}

/* "POOL=N" into the next caps slot; -1 for a bad form or an unknown pool. */
static int parse_cap(const char *arg)
{
  const char *eq = strchr(arg, '=');
  if (eq == NULL || eq == arg || eq - arg >= 32 || eq[1] == '\0') {
    return -1;
  }
  uint64_t limit;
  /* digits only: strtoul would take "-1", " 5" and "+5"; 0 is a real cap
   * (every allocation fails) */
  if (lwipsim_scenario_parse_uint(eq + 1, UINT32_MAX - 1, &limit) != 0) {
    return -1;
  }
  snprintf(run.caps[run.n_caps].pool, sizeof run.caps[run.n_caps].pool, "%.*s", (int)(eq - arg), arg);
  /* only checks that the pool exists; HEAP is lwIP's heap, in bytes (a
   * profile whose heap is not counted has none to cap) */
  if (strcmp(run.caps[run.n_caps].pool, "HEAP") == 0) {
    if (!lwipsim_heap_probe_counted()) {
      return -1;
    }
  } else if (lwipsim_probe_set_cap(run.caps[run.n_caps].pool, LWIPSIM_PROBE_NO_CAP) != 0) {
    return -1;
  }
  run.caps[run.n_caps++].limit = (uint32_t)limit;
  return 0;
}

/* --max-wall S: seconds, at most the longest scenario (a larger limit is
 * no limit at all). */
static int parse_max_wall(const char *arg)
{
  char with_unit[64];
  snprintf(with_unit, sizeof with_unit, "%ss", arg);
  return lwipsim_parse_duration_ms(with_unit, &run.max_wall_ms) != 0 || run.max_wall_ms == 0 ||
                 run.max_wall_ms > LWIPSIM_MAX_DURATION_MS
             ? -1
             : 0;
}

static void on_stop_signal(int sig)
{
  (void)sig;
  *run.stop = 1;
}

/* Live mode: the TAP is opened before the fork (a clear error, exit 2), and
 * SIGINT/SIGTERM to the runner or its child set a flag both share, so the
 * child ends its loop and writes the record. */
static int tap_prepare(const char *duration, char *err, size_t errlen)
{
  if (duration != NULL) {
    char with_unit[64];
    snprintf(with_unit, sizeof with_unit, "%ss", duration);
    if (lwipsim_parse_duration_ms(with_unit, &run.scenario.duration_ms) != 0 || run.scenario.duration_ms == 0 ||
        run.scenario.duration_ms > LWIPSIM_MAX_DURATION_MS) {
      snprintf(err, errlen, "--duration %s: expected seconds greater than 0 (e.g. 30 or 2.5)", duration);
      return -1;
    }
  }
  run.tap_fd = lwipsim_tap_open(run.tap, err, errlen);
  if (run.tap_fd < 0) {
    return -1;
  }
  run.stop = mmap(NULL, sizeof *run.stop, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (run.stop == MAP_FAILED) {
    snprintf(err, errlen, "mmap: cannot share the stop flag");
    return -1;
  }
  struct sigaction sa = { .sa_handler = on_stop_signal };
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
  return 0;
}

/* --strict: the record is written; a replay that no longer fits the capture
 * fails, with one line saying how much and why. A panic or crash keeps its
 * own status: it is the finding. */
static int strict_code(const cJSON *rec, int code)
{
  const cJSON *div = cJSON_GetObjectItemCaseSensitive(rec, "divergence");
  const cJSON *diverged = cJSON_GetObjectItemCaseSensitive(div, "diverged");
  const cJSON *inbound = cJSON_GetObjectItemCaseSensitive(div, "inbound");
  const cJSON *why, *top = NULL;
  if (!cJSON_IsNumber(diverged) || diverged->valuedouble <= 0 || code == LWIPSIM_EXIT_PANIC) {
    return code;
  }
  cJSON_ArrayForEach(why, cJSON_GetObjectItemCaseSensitive(div, "by_reason"))
  {
    /* ack_beyond_live_data frames were injected (clamped): not withheld */
    if (strcmp(why->string, "ack_beyond_live_data") != 0 && (top == NULL || why->valuedouble > top->valuedouble)) {
      top = why;
    }
  }
  fprintf(stderr, "lwipsim: --strict: %.0f of %.0f inbound frames diverged (most: %s, %.0f)\n", diverged->valuedouble,
          cJSON_IsNumber(inbound) ? inbound->valuedouble : 0.0, top ? top->string : "unknown",
          top ? top->valuedouble : 0.0);
  return LWIPSIM_EXIT_DIVERGED;
}

/* Removes an output the run did not finish, if it is a plain file (never
 * /dev/null or a FIFO the user gave). */
static void remove_partial(const char *path)
{
  struct stat st;
  if (path != NULL && stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
    unlink(path);
  }
}

/* Why the child handed over no record, when that is the harness's fault and
 * not lwIP's; NULL when it is not (a record, an input error, a crash). */
static const char *harness_failure(const struct lwipsim_child_result *res, char *buf, size_t len)
{
  if (lwipsim_state->harness_error[0] != '\0') {
    return lwipsim_state->harness_error; /* the child said */
  }
  if (res->too_large) {
    snprintf(buf, len, "the run record was larger than %u bytes", (unsigned)LWIPSIM_RECORD_READ_MAX);
    return buf;
  }
  if (res->read_errno != 0) {
    snprintf(buf, len, "cannot read the run record from the run's process: %s", strerror(res->read_errno));
    return buf;
  }
  if (res->signal == SIGKILL) {
    /* lwIP cannot raise SIGKILL: the kernel's OOM killer or another process did */
    return "the run's process was killed by SIGKILL (out of memory, or another process)";
  }
  if (res->signal == SIGBUS) {
    /* On Linux x86 lwIP's own code cannot raise SIGBUS (no alignment traps):
     * a mapped file shrank under the run, and the only one is the capture
     * (capture/pcap_reader.c reads it mapped) */
    return "the run's process got SIGBUS: the capture was cut short while the run read it (another process "
           "writing to it?); run again once it is complete";
  }
  return NULL;
}

/* A child that exited by itself with an outcome's code has written its whole
 * record (a failed write makes it exit with the harness code instead), and
 * that code is the record's exit_code. A timeout is left to the full path,
 * which says why on stderr. */
static int record_complete(const struct lwipsim_child_result *res)
{
  int code = res->exit_code;
  return res->exited && !lwipsim_state->timed_out &&
         (code == LWIPSIM_EXIT_OK || code == LWIPSIM_EXIT_POOL_FAILURE || code == LWIPSIM_EXIT_PANIC) &&
         res->output_len >= 2 && memcmp(res->output + res->output_len - 2, "}\n", 2) == 0;
}

static int cannot_write(const char *json)
{
  fprintf(stderr, "lwipsim: harness error: %s: cannot write the run record: %s\n", json, strerror(errno));
  return LWIPSIM_EXIT_HARNESS;
}

/* The parent's side: the child's record, or one built from the shared state:
 * a crash record when lwIP took the child down, a timeout record when the
 * child had to be stopped, a harness-error record when the runner failed. */
static int report(const struct lwipsim_child_result *res, const char *json, int quiet, int strict)
{
  char why_buf[LWIPSIM_EVENT_LEN];
  const char *why = NULL;
  cJSON *rec = NULL;
  if (res->out_of_time) {
    lwipsim_state->timed_out = 1; /* stuck past --max-wall and killed: not lwIP's doing */
  } else if ((why = harness_failure(res, why_buf, sizeof why_buf)) == NULL) {
    if (res->exited && res->exit_code == LWIPSIM_EXIT_USAGE) {
      return LWIPSIM_EXIT_USAGE; /* the child said what was wrong with the input */
    }
    if (quiet && !strict && record_complete(res)) {
      /* Nothing to print and no --strict to read: the record goes to the
       * file as the child wrote it, not parsed back (most runs: every run of
       * report, sweep and explore). */
      return json != NULL && lwipsim_write_file(json, res->output, strlen(res->output)) != 0 ? cannot_write(json)
                                                                                             : res->exit_code;
    }
    rec = cJSON_Parse(res->output);
    if (rec == NULL && res->signal == 0) {
      snprintf(why_buf, sizeof why_buf, "the run's process ended (exit %d) without a readable record", res->exit_code);
      why = why_buf;
    }
  }
  if (why != NULL) {
    set_harness_error(why);
    fprintf(stderr, "lwipsim: harness error: %s\n", lwipsim_state->harness_error);
  }
  char *built = NULL;
  if (rec == NULL) {
    run.meta.crash_signal = (why == NULL && !res->out_of_time) ? res->signal : 0;
    run.meta.timeline = NULL;
    run.meta.heap_timeline = NULL;
    char *body = lwipsim_record_text(&run.meta, lwipsim_state);
    rec = body != NULL ? cJSON_Parse(body) : NULL; /* for the table and --strict */
    if (rec == NULL || asprintf(&built, "%s\n", body) < 0) {
      built = NULL;
    }
    free(body);
    if (built == NULL) {
      if (why == NULL) {
        fprintf(stderr, "lwipsim: harness error: out of memory writing the run record\n");
      }
      cJSON_Delete(rec);
      return LWIPSIM_EXIT_HARNESS;
    }
  }
  if (lwipsim_state->timed_out && why == NULL && run.max_wall_ms == 0) {
    fprintf(stderr, "lwipsim: timeout: the emulated chip used its instruction budget at %.3f s of virtual time\n",
            (double)lwipsim_state->now_ms / 1000.0);
  } else if (lwipsim_state->timed_out && why == NULL) {
    fprintf(stderr, "lwipsim: timeout: stopped by --max-wall %.3f at %.3f s of virtual time\n",
            (double)run.max_wall_ms / 1000.0, (double)lwipsim_state->now_ms / 1000.0);
  }
  int code = (int)cJSON_GetObjectItemCaseSensitive(rec, "exit_code")->valuedouble;
  const char *text = built ? built : res->output;
  if (json != NULL && lwipsim_write_file(json, text, strlen(text)) != 0) {
    code = cannot_write(json);
  }
  if (!quiet) {
    lwipsim_record_print_table(rec, stdout);
  }
  if (strict && code != LWIPSIM_EXIT_HARNESS && code != LWIPSIM_EXIT_TIMEOUT) {
    code = strict_code(rec, code);
  }
  cJSON_Delete(rec);
  free(built);
  return code;
}

static int runner_main(int argc, char **argv)
{
  static const struct option longopts[] = {
    { "scenario", required_argument, 0, 's' },
    { "json", required_argument, 0, 'j' },
    { "pcap-out", required_argument, 0, 'p' },
    { "device-mac", required_argument, 0, 'm' },
    { "cap", required_argument, 0, 'c' },
    { "quiet", no_argument, 0, 'q' },
    { "help", no_argument, 0, 'h' },
    { "profile-caps", no_argument, 0, 'P' },
    { "strict", no_argument, 0, 'S' },
    { "tap", required_argument, 0, 't' },
    { "duration", required_argument, 0, 'd' },
    { "origin-file", required_argument, 0, 'o' },
    { "max-wall", required_argument, 0, 'W' },
    { "pcapng-out", required_argument, 0, 'n' },
    { "target-image", required_argument, 0, 'T' },
    { "emulator", required_argument, 0, 'E' },
    { "target-budget", required_argument, 0, 'B' },
    { "no-timelines", no_argument, 0, 'N' },
    { 0, 0, 0, 0 },
  };
  const char *scenario = NULL, *json = NULL, *pcap_out = NULL, *pcapng_out = NULL, *mac = NULL, *duration = NULL;
  int quiet = 0, strict = 0, no_timelines = 0, opt;
  char err[1024];

  while ((opt = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
    switch (opt) {
    case 's': scenario = optarg; break;
    case 'j': json = optarg; break;
    case 'p': pcap_out = optarg; break;
    case 'n': pcapng_out = optarg; break;
    case 'm': mac = optarg; break;
    case 'q': quiet = 1; break;
    case 'N': no_timelines = 1; break;
    case 'S': strict = 1; break;
    case 'P': run.profile_caps = 1; break;
    case 't': run.tap = optarg; break;
    case 'd': duration = optarg; break;
    case 'o': run.origin_file = optarg; break;
    case 'T': run.target_image = optarg; break;
    case 'E': run.emulator = optarg; break;
    case 'B':
      if (lwipsim_scenario_parse_uint(optarg, UINT64_MAX / 2, &run.target_budget) != 0 || run.target_budget == 0) {
        fprintf(stderr, "lwipsim: --target-budget %s: expected a count of instructions greater than 0\n", optarg);
        return LWIPSIM_EXIT_USAGE;
      }
      break;
    case 'W':
      if (parse_max_wall(optarg) != 0) {
        fprintf(stderr, "lwipsim: --max-wall %s: expected seconds greater than 0 (e.g. 60 or 2.5)\n", optarg);
        return LWIPSIM_EXIT_USAGE;
      }
      break;
    case 'c':
      if (run.n_caps == MAX_CAPS) {
        fprintf(stderr, "lwipsim: --cap %s: more than %d --cap options; at most %d pools can be capped in one run\n",
                optarg, MAX_CAPS, MAX_CAPS);
        return LWIPSIM_EXIT_USAGE;
      }
      if (parse_cap(optarg) != 0) {
        fprintf(stderr, "lwipsim: --cap %s: expected POOL=N with a pool of this profile (e.g. SYS_TIMEOUT=12)\n",
                optarg);
        return LWIPSIM_EXIT_USAGE;
      }
      break;
    case 'h': usage(stdout); return 0;
    default: usage(stderr); return LWIPSIM_EXIT_USAGE;
    }
  }
  if (scenario == NULL || optind != argc) {
    fprintf(stderr, "lwipsim: %s\n", scenario == NULL ? "--scenario DIR is required" : "unexpected argument");
    usage(stderr);
    return LWIPSIM_EXIT_USAGE;
  }
  if (lwipsim_assert_policy_parse(LWIPSIM_ASSERT_POLICY_STR, &run.policy) != 0) {
    fprintf(stderr, "lwipsim: built with unknown assert policy '%s'\n", LWIPSIM_ASSERT_POLICY_STR);
    return LWIPSIM_EXIT_USAGE;
  }
  if (lwipsim_scenario_load(scenario, &run.scenario, err, sizeof err) != 0) {
    return input_error(err);
  }
  /* The whole script against what this build compiled, before anything runs:
   * an action the header turned off is the scenario's mistake for this
   * profile, said once, not a failure halfway through the run. */
  const struct lwipsim_option *opts;
  size_t n_opts = lwipsim_profile_options(&opts);
  if (lwipsim_script_check_needs(&run.scenario, opts, n_opts, LWIPSIM_PROFILE_NAME, err, sizeof err) != 0) {
    input_error(err);
    return LWIPSIM_EXIT_NOT_APPLICABLE;
  }
  if (mac != NULL) {
    if (lwipsim_parse_mac(mac, run.mac) != 0) {
      snprintf(err, sizeof err, "--device-mac %s: expected six hex bytes like 28:cd:c1:03:9e:26", mac);
      return input_error(err);
    }
  } else if (run.scenario.has_device_mac) {
    memcpy(run.mac, run.scenario.device_mac, 6);
  } else {
    /* No capture to match: any locally administered address will do. */
    static const uint8_t local_mac[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x01 };
    memcpy(run.mac, local_mac, 6);
  }
  if (run.target_image != NULL &&
      (run.tap != NULL || run.emulator == NULL || LWIPSIM_DEMAND || run.n_caps > 0 || run.profile_caps)) {
    return input_error(run.tap != NULL ? "--target-image replays a scenario: not with --tap"
                       : run.n_caps > 0 || run.profile_caps
                           ? "--target-image runs the image as built: --cap and --profile-caps do not apply"
                       : LWIPSIM_DEMAND ? "--target-image needs the profile's faithful runner (the image has its sizes)"
                                        : "--target-image needs --emulator FILE (firmware/emu/chip.mjs)");
  }
  if (run.tap != NULL) {
    if (tap_prepare(duration, err, sizeof err) != 0) {
      return input_error(err);
    }
  } else if (duration != NULL || run.origin_file != NULL) {
    return input_error("--duration and --origin-file go with --tap (a replay lasts the scenario's duration)");
  } else if (run.scenario.capture_path[0] != '\0' &&
             lwipsim_pcap_open(run.scenario.capture_path, &run.capture, err, sizeof err) != 0) {
    return input_error(err);
  }
  if (pcap_out != NULL && lwipsim_pcap_writer_open(pcap_out, &run.pcap_out, err, sizeof err) != 0) {
    return input_error(err);
  }
  if (pcapng_out != NULL) {
    if (run.tap != NULL) {
      return input_error("--pcapng-out goes with a replay, not --tap (capture the TAP with tcpdump)");
    }
    static const char *const names[] = { "peers (as replayed to the device)", "device (simulated lwIP)" };
    struct lwipsim_pcapng_writer *w;
    if (lwipsim_pcapng_open(pcapng_out, names, 2, &w, err, sizeof err) != 0) {
      return input_error(err);
    }
    lwipsim_trace_start(w, run.capture, run.scenario.capture_start_ms);
  }

  lwipsim_state = mmap(NULL, sizeof *lwipsim_state, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (lwipsim_state == MAP_FAILED) {
    fprintf(stderr, "lwipsim: harness error: cannot map the shared run state: %s\n", strerror(errno));
    release_inputs();
    return LWIPSIM_EXIT_HARNESS;
  }
  lwipsim_script_summarize(&run.scenario, &run.script);
  size_t n_cyclic = lwipsim_profile_cyclic_timers(run.cyclic_timers, MAX_CYCLIC_TIMERS);
  run.bounds = (struct lwipsim_bound_input){
    .lwip_version = LWIPSIM_LWIP_VERSION_STR,
    .cyclic_timers = run.cyclic_timers,
    .n_cyclic_timers = n_cyclic < MAX_CYCLIC_TIMERS ? n_cyclic : MAX_CYCLIC_TIMERS,
    .script = &run.script,
  };
  run.bounds.n_options = lwipsim_profile_options(&run.bounds.options);
  run.meta = (struct lwipsim_run_meta){
    .profile = LWIPSIM_PROFILE_NAME,
    .lwip_version = LWIPSIM_LWIP_VERSION_STR,
    .scenario = run.scenario.name,
    .assert_policy = LWIPSIM_ASSERT_POLICY_STR,
    .mode = run.tap != NULL    ? "tap"
            : !LWIPSIM_DEMAND  ? "faithful"
            : run.profile_caps ? "demand-capped"
                               : "demand",
    .duration_ms = run.scenario.duration_ms,
    .sim_changed_options = run.options,
    .n_sim_changed_options = lwipsim_sim_changed_options(run.options, MAX_OPTIONS - 1),
    .options = run.bounds.options,
    .n_options = run.bounds.n_options,
    .worst_cases = run.worst_cases,
    .n_worst_cases =
        lwipsim_bound_all(&run.bounds, run.worst_cases, sizeof run.worst_cases / sizeof run.worst_cases[0]),
    .timeline = lwipsim_probe_timeline,
    .heap_timeline = lwipsim_heap_probe_timeline,
  };
  if (no_timelines) {
    run.meta.timeline = NULL;
    run.meta.heap_timeline = NULL;
  }
  if (run.target_image != NULL) {
    run.meta.target = "rp2040"; /* target_run() names the chip the image is */
    run.meta.timeline = NULL;   /* the chip keeps counters and peaks, no timeline */
  }

  if (lwipsim_heap_probe_changed_option() != NULL) {
    run.options[run.meta.n_sim_changed_options++] = lwipsim_heap_probe_changed_option();
  }

  /* A record is a few hundred KiB at most whatever the run's length (the
   * timelines are bucketed); anything larger is the harness's failure. The
   * parent's wall limit is a backstop for a child stuck inside lwIP: the
   * child's own timer ends a run that still steps. */
  struct lwipsim_isolate_limits limits = { .max_output = LWIPSIM_RECORD_READ_MAX,
                                           .wall_ms = run.max_wall_ms ? run.max_wall_ms + WALL_GRACE_MS : 0 };
  struct lwipsim_child_result res;
  if (lwipsim_isolate_run_limited(child_main, NULL, &limits, &res) != 0) {
    fprintf(stderr, "lwipsim: harness error: cannot run the scenario in a child process: %s\n", strerror(errno));
    free(res.output);
    release_inputs();
    return LWIPSIM_EXIT_HARNESS;
  }
  /* A replay stopped by SIGINT/SIGTERM (passed on to the child, which died
   * of it) leaves no output that could pass for a finished run. A live run
   * handles the stop itself: it ends its loop and writes its record. */
  if (res.stopped_by != 0 && run.tap == NULL) {
    fprintf(stderr, "lwipsim: interrupted (%s); no record written\n", res.stopped_by == SIGINT ? "SIGINT" : "SIGTERM");
    free(res.output);
    release_inputs();
    remove_partial(pcap_out);
    remove_partial(pcapng_out);
    return 128 + res.stopped_by;
  }
  /* The child wrote the output pcap; the parent's copy of the handle has an
   * empty buffer (flushed before the fork), so closing it writes nothing. */
  int code = report(&res, json, quiet, strict);
  free(res.output);
  release_inputs();
  return code;
}

/* `--serve` (alone): the fork server `lwipsim sweep` and `report` start once
 * per runner and send their runs to (sim/runner/serve.c). */
int main(int argc, char **argv)
{
  if (argc == 2 && strcmp(argv[1], "--serve") == 0) {
    /* Name the cyclic timers once here: that opens the symbol handle
     * (stack/probe/symbols.c) in the server, so every run it forks inherits
     * it and its cache instead of reading the process's modules again. */
    const char *names[MAX_CYCLIC_TIMERS];
    lwipsim_profile_cyclic_timers(names, MAX_CYCLIC_TIMERS);
    return lwipsim_runner_serve(runner_main);
  }
  return runner_main(argc, argv);
}
