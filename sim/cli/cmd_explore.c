/* lwipsim explore: a search for the worst case of one pool over plausible
 * perturbations of a scenario (sim/explore), each a demand run; the worst
 * found is written out as a normal scenario folder and replayed once more to
 * show it gives the same peak. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli_args.h"
#include "cli/commands.h"
#include "cli/run_pool.h"
#include "common/json_get.h"
#include "common/read_file.h"
#include "explore/explore.h"
#include "run_record/record.h"
#include "scenario/scenario.h"

#define EXIT_SIZE_EXCEEDED 3
#define MAX_BUDGET 100000
/* A perturbation that makes the replay withhold this share of inbound
 * frames (per mille) more than the scenario itself does on the profile
 * broke a conversation: dropped, not counted. */
#define MAX_DIVERGED_PERMILLE 20
#define SEARCH_BATCH 8

static void usage(FILE *out)
{
  fprintf(out,
          "usage: lwipsim explore --profile NAME --scenario DIR --pool POOL [--budget RUNS]\n"
          "                       [--window ACTION=LO:HI ...] [--copies N] [--shift T] [--search-seed S]\n"
          "                       [--out DIR] [--jobs N] [--lwip VERSION] [--max-wall S]\n"
          "\n"
          "Searches for the traffic that makes POOL's peak highest, over perturbations of the\n"
          "scenario that keep it plausible, each a run of the profile's demand build (pools compiled\n"
          "large, so the peak is what the traffic needs): lwIP's random seed, the times of script\n"
          "actions inside windows, extra copies of peers' mDNS queries from new addresses (more\n"
          "browsers), and one peer's conversation moved in time, its own order kept. Half the budget draws at random, "
          "the rest steps from the best so far. A run\n"
          "whose replay withholds 2%% or more of the inbound frames broke a conversation: dropped.\n"
          "The worst case found is written to --out as a scenario folder (scenario.ini, capture.pcap,\n"
          "record.json, explore.json) and replayed once more: lwipsim replay --demand gives its peak.\n"
          "\n"
          "  --pool POOL          a pool as the run record names it (SYS_TIMEOUT, TCP_PCB, ...)\n"
          "  --budget RUNS        runs to spend (default 200, at most %d)\n"
          "  --window A=LO:HI     every script line running action A anywhere in LO..HI\n"
          "                       (e.g. reload=5s:15s; up to %d windows)\n"
          "  --copies N           at most N extra mDNS queries (default 16, at most %d; 0: none)\n"
          "  --shift T            move one peer's whole conversation up to T earlier or later\n"
          "                       (default 0s: none; e.g. 1s)\n"
          "  --search-seed S      the search's own seed (default 1): same inputs, same search\n"
          "  --out DIR            where the worst case goes (default explore-PROFILE-SCENARIO-POOL)\n"
          "  --jobs N             runs at once (default: the number of cores, %d)\n"
          "  --max-wall S         stop any run after S seconds of wall-clock time\n"
          "\n"
          "exit: 0 searched, 3 the worst case found needs more than the profile's size (the pool\n"
          "      fails), 2 usage, input or harness error\n",
          MAX_BUDGET, LWIPSIM_EXPLORE_MAX_WINDOWS, LWIPSIM_EXPLORE_MAX_COPIES, lwipsim_run_pool_default_jobs());
}

struct options {
  const char *profile, *lwip, *scenario, *pool, *out;
  unsigned long budget;
  uint64_t search_seed;
  int jobs;
};

struct run_result {
  int valid;
  long peak;
  long diverged_permille;
};

struct search {
  const struct options *o;
  const struct lwipsim_profile_entry *e;
  struct lwipsim_scenario sc;
  char *ini;
  char ini_path[PATH_MAX];
  char capture_abs[PATH_MAX]; /* "" without a capture */
  struct lwipsim_explore_space space;
  char scratch[PATH_MAX];
  unsigned long runs, dropped;
  long baseline, bound, size;
  struct lwipsim_explore_candidate best;
  long best_peak;
  unsigned long best_at; /* the run that found it */
};

static int parse_args(int argc, char **argv, struct options *o, struct lwipsim_explore_space *space)
{
  const char *v;
  int bad = 0;
  memset(o, 0, sizeof *o);
  o->budget = 200;
  o->search_seed = 1;
  o->jobs = lwipsim_run_pool_default_jobs();
  space->max_copies = 16;
  space->max_shift_ms = 0; /* opt-in: on the bundled captures it spent tries without raising a peak */
  for (int i = 1; i < argc && !bad; i++) {
    uint64_t n;
    char err[256];
    if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
      usage(stdout);
      return -1;
    } else if ((v = lwipsim_arg_value(argc, argv, &i, "--profile", "explore", &bad))) {
      o->profile = v;
    } else if ((v = lwipsim_arg_value(argc, argv, &i, "--lwip", "explore", &bad))) {
      o->lwip = v;
    } else if ((v = lwipsim_arg_value(argc, argv, &i, "--scenario", "explore", &bad))) {
      o->scenario = v;
    } else if ((v = lwipsim_arg_value(argc, argv, &i, "--pool", "explore", &bad))) {
      o->pool = v;
    } else if ((v = lwipsim_arg_value(argc, argv, &i, "--out", "explore", &bad))) {
      o->out = v;
    } else if ((v = lwipsim_arg_value(argc, argv, &i, "--budget", "explore", &bad))) {
      if (lwipsim_scenario_parse_uint(v, MAX_BUDGET, &n) != 0 || n == 0) {
        fprintf(stderr, "lwipsim explore: --budget %s: expected runs from 1 to %d\n", v, MAX_BUDGET);
        return 2;
      }
      o->budget = (unsigned long)n;
    } else if ((v = lwipsim_arg_value(argc, argv, &i, "--copies", "explore", &bad))) {
      if (lwipsim_scenario_parse_uint(v, LWIPSIM_EXPLORE_MAX_COPIES, &n) != 0) {
        fprintf(stderr, "lwipsim explore: --copies %s: expected a count from 0 to %d\n", v, LWIPSIM_EXPLORE_MAX_COPIES);
        return 2;
      }
      space->max_copies = (unsigned)n;
    } else if ((v = lwipsim_arg_value(argc, argv, &i, "--shift", "explore", &bad))) {
      if (lwipsim_parse_duration_ms(v, &n) != 0 || n > 60000) {
        fprintf(stderr, "lwipsim explore: --shift %s: expected a time up to 60s, e.g. 1s or 250ms (0s: none)\n", v);
        return 2;
      }
      space->max_shift_ms = n;
    } else if ((v = lwipsim_arg_value(argc, argv, &i, "--search-seed", "explore", &bad))) {
      if (lwipsim_scenario_parse_uint(v, UINT64_MAX, &n) != 0) {
        fprintf(stderr, "lwipsim explore: --search-seed %s: expected an unsigned number\n", v);
        return 2;
      }
      o->search_seed = n;
    } else if ((v = lwipsim_arg_value(argc, argv, &i, "--window", "explore", &bad))) {
      if (space->n_windows == LWIPSIM_EXPLORE_MAX_WINDOWS) {
        fprintf(stderr, "lwipsim explore: --window %s: more than %d windows\n", v, LWIPSIM_EXPLORE_MAX_WINDOWS);
        return 2;
      }
      if (lwipsim_explore_parse_window(v, &space->windows[space->n_windows++], err, sizeof err) != 0) {
        fprintf(stderr, "lwipsim explore: %s\n", err);
        return 2;
      }
    } else if ((v = lwipsim_arg_value(argc, argv, &i, "--max-wall", "explore", &bad))) {
      if (lwipsim_check_max_wall(v) != 0) {
        fprintf(stderr, "lwipsim explore: --max-wall %s: expected seconds greater than 0 (e.g. 60 or 2.5)\n", v);
        return 2;
      }
      lwipsim_run_job_set_max_wall(v);
    } else if ((v = lwipsim_arg_value(argc, argv, &i, "--jobs", "explore", &bad))) {
      if (lwipsim_parse_jobs(v, &o->jobs) != 0) {
        fprintf(stderr, "lwipsim explore: --jobs %s: expected a count from 1 to 1024\n", v);
        return 2;
      }
    } else if (!bad) {
      fprintf(stderr, "lwipsim explore: unexpected argument '%s' (see --help)\n", argv[i]);
      return 2;
    }
  }
  if (bad) {
    return 2;
  }
  if (o->profile == NULL || o->scenario == NULL || o->pool == NULL) {
    fprintf(stderr, "lwipsim explore: --profile, --scenario and --pool are required (see --help)\n");
    return 2;
  }
  return 0;
}

/* Writes candidate c as DIR_OR_PREFIX's scenario: PREFIX.ini (+ PREFIX.pcap
 * when it has copies) in the scratch folder, or DIR/scenario.ini and
 * DIR/capture.pcap for the result. Returns 0, or -1 with the message. */
static int write_candidate(struct search *s, const struct lwipsim_explore_candidate *c, const char *ini_out,
                           const char *pcap_out, const char *pcap_name, const char *header)
{
  char err[PATH_MAX + 256];
  const char *capture = NULL;
  if (s->capture_abs[0] != '\0') {
    if (pcap_out != NULL) {
      if (lwipsim_explore_write_capture(s->capture_abs, pcap_out, s->sc.device_mac, c, err, sizeof err) != 0) {
        fprintf(stderr, "lwipsim explore: %s\n", err);
        return -1;
      }
      capture = pcap_name;
    } else {
      capture = s->capture_abs;
    }
  }
  char *text = lwipsim_explore_ini(&s->space, s->ini, c, capture, header);
  FILE *f = text ? fopen(ini_out, "w") : NULL;
  int failed = f == NULL || fputs(text, f) < 0;
  if (f != NULL && fclose(f) != 0) {
    failed = 1;
  }
  free(text);
  if (failed) {
    fprintf(stderr, "lwipsim explore: cannot write %s: %s\n", ini_out, strerror(errno));
    return -1;
  }
  return 0;
}

/* The pool's peak and the run's divergence from a record; valid when the
 * run finished (any outcome but harness-error and timeout) and held the
 * conversations. */
static long baseline_permille; /* the scenario's own divergence on the profile */

static struct run_result judge_run(const struct lwipsim_run_job *job, const char *pool, cJSON **keep)
{
  struct run_result r = { 0, 0, 0 };
  char err[PATH_MAX + 128];
  cJSON *rec = lwipsim_json_load(job->json, err, sizeof err);
  if (rec == NULL || job->exit_code == 2 || job->exit_code == LWIPSIM_EXIT_TIMEOUT) {
    cJSON_Delete(rec);
    return r;
  }
  const cJSON *p = lwipsim_record_pool(rec, pool);
  /* the report's demand: for TCP_PCB the PCBs not in TIME_WAIT, which
   * tcp_alloc kills when the pool is empty (report_build.c, pool_demand) */
  const cJSON *live = cJSON_GetObjectItemCaseSensitive(p, "peak_without_time_wait");
  r.peak = cJSON_IsNumber(live) ? (long)live->valuedouble : lwipsim_jlong(p, "peak", -1);
  r.diverged_permille = lwipsim_jlong(cJSON_GetObjectItemCaseSensitive(rec, "divergence"), "diverged_permille", 1000);
  r.valid = p != NULL && r.diverged_permille < baseline_permille + MAX_DIVERGED_PERMILLE;
  if (keep != NULL) {
    *keep = rec;
  } else {
    cJSON_Delete(rec);
  }
  return r;
}

static void progress(const struct search *s, const struct timespec *t0, int tty)
{
  if (!tty) {
    return;
  }
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  double el = (double)(now.tv_sec - t0->tv_sec) + (double)(now.tv_nsec - t0->tv_nsec) / 1e9;
  fprintf(stderr, "\rlwipsim explore: %lu/%lu runs, best %s peak %ld (recorded %ld, bound %ld), %.1f runs/s   ",
          s->runs, s->o->budget, s->o->pool, s->best_peak, s->baseline, s->bound, el > 0 ? (double)s->runs / el : 0);
}

/* Runs the baseline (the scenario as it is) and reads the pool's size and
 * bound from its record. */
static int baseline(struct search *s)
{
  struct lwipsim_run_job job;
  char json[PATH_MAX + 32];
  snprintf(json, sizeof json, "%s/baseline.json", s->scratch);
  lwipsim_run_job_init(&job, s->e->demand_runner, s->o->scenario, json, NULL);
  snprintf(job.label, sizeof job.label, "baseline");
  int rc = lwipsim_run_pool(&job, 1, 1, NULL);
  cJSON *rec = NULL;
  struct run_result r = rc == 0 ? judge_run(&job, s->o->pool, &rec) : (struct run_result){ 0, 0, 0 };
  if (rc != 0 || rec == NULL || lwipsim_record_pool(rec, s->o->pool) == NULL) {
    if (rc == 0) {
      fprintf(stderr, "lwipsim explore: %s: %s\n", s->o->scenario,
              rec == NULL ? (job.err[0] ? job.err : "the scenario's own run wrote no record")
                          : "the profile has no such pool (see lwipsim replay's table)");
    }
    cJSON_Delete(rec);
    lwipsim_run_job_free(&job);
    return rc == 0 ? 2 : lwipsim_run_pool_status(rc);
  }
  const cJSON *p = lwipsim_record_pool(rec, s->o->pool);
  s->baseline = r.peak;
  baseline_permille = r.diverged_permille;
  if (baseline_permille >= MAX_DIVERGED_PERMILLE) {
    fprintf(stderr,
            "lwipsim explore: note: the scenario itself withholds %ld per mille of its inbound frames on %s; a try "
            "is dropped when it withholds %d per mille more\n",
            baseline_permille, s->e->name, MAX_DIVERGED_PERMILLE);
  }
  s->size = lwipsim_jlong(p, "configured", -1);
  const cJSON *wc = cJSON_GetObjectItemCaseSensitive(p, "worst_case");
  s->bound = lwipsim_jlong(wc, "value", -1);
  cJSON_Delete(rec);
  lwipsim_run_job_free(&job);
  return 0;
}

/* One batch: candidates written to the scratch folder, run, judged in order
 * (so the search does not depend on which run ends first). */
static int run_batch(struct search *s, struct lwipsim_explore_candidate *cands, size_t n)
{
  struct lwipsim_run_job *jobs = calloc(n, sizeof *jobs);
  if (jobs == NULL) {
    fprintf(stderr, "lwipsim explore: out of memory for %zu runs\n", n);
    return 2;
  }
  int rc = 0;
  size_t made = 0;
  for (; made < n && rc == 0; made++) {
    char ini[PATH_MAX + 32], pcap[PATH_MAX + 32], name[64], json[PATH_MAX + 32];
    snprintf(ini, sizeof ini, "%s/c%zu.ini", s->scratch, made);
    snprintf(pcap, sizeof pcap, "%s/c%zu.pcap", s->scratch, made);
    snprintf(name, sizeof name, "c%zu.pcap", made);
    snprintf(json, sizeof json, "%s/c%zu.json", s->scratch, made);
    int own_capture = cands[made].copies > 0 || cands[made].shift_peer >= 0;
    if (write_candidate(s, &cands[made], ini, own_capture ? pcap : NULL, name, NULL) != 0) {
      rc = 2;
      break;
    }
    lwipsim_run_job_init(&jobs[made], s->e->demand_runner, ini, json, NULL);
    snprintf(jobs[made].label, sizeof jobs[made].label, "run %lu", s->runs + made + 1);
  }
  if (rc == 0) {
    rc = lwipsim_run_pool_status(lwipsim_run_pool(jobs, n, s->o->jobs, NULL));
  }
  for (size_t k = 0; k < made; k++) {
    if (rc == 0) {
      struct run_result r = judge_run(&jobs[k], s->o->pool, NULL);
      s->runs++;
      if (!r.valid) {
        s->dropped++;
      } else if (r.peak > s->best_peak) {
        s->best_peak = r.peak;
        s->best = cands[k];
        s->best_at = s->runs;
        if (!isatty(STDERR_FILENO)) {
          fprintf(stderr, "lwipsim explore: run %lu: %s peak %ld\n", s->runs, s->o->pool, r.peak);
        }
      }
    }
    unlink(jobs[k].json);
    lwipsim_run_job_free(&jobs[k]);
  }
  free(jobs);
  return rc;
}

static int search(struct search *s, const struct lwipsim_explore_candidate *original)
{
  uint64_t rng = s->o->search_seed;
  /* a fixed batch, not one per core: the search steps from the best of
   * whole batches, so the same seed gives the same search on any machine */
  size_t batch = SEARCH_BATCH;
  struct lwipsim_explore_candidate *cands = calloc(batch, sizeof *cands);
  if (cands == NULL) {
    fprintf(stderr, "lwipsim explore: out of memory for %zu runs\n", batch);
    return 2;
  }
  s->best = *original;
  s->best_peak = s->baseline;
  int tty = isatty(STDERR_FILENO), rc = 0;
  struct timespec t0;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  while (rc == 0 && s->runs < s->o->budget && (s->bound < 0 || s->best_peak < s->bound)) {
    size_t n = s->o->budget - s->runs < batch ? (size_t)(s->o->budget - s->runs) : batch;
    for (size_t k = 0; k < n; k++) {
      if (s->runs + k < s->o->budget / 2) {
        lwipsim_explore_random(&s->space, &rng, &cands[k]);
      } else {
        lwipsim_explore_mutate(&s->space, &rng, &s->best, &cands[k]);
      }
    }
    rc = run_batch(s, cands, n);
    progress(s, &t0, tty);
  }
  if (tty) {
    fprintf(stderr, "\n");
  }
  free(cands);
  return rc;
}

/* The result folder: the worst case as a scenario, replayed once more. */
static int write_result(struct search *s, const char *out)
{
  if (mkdir(out, 0777) != 0 && errno != EEXIST) {
    fprintf(stderr, "lwipsim explore: cannot create %s: %s\n", out, strerror(errno));
    return 2;
  }
  char ini[PATH_MAX + 32], pcap[PATH_MAX + 32], json[PATH_MAX + 32], header[1024];
  snprintf(ini, sizeof ini, "%s/scenario.ini", out);
  snprintf(pcap, sizeof pcap, "%s/capture.pcap", out);
  snprintf(json, sizeof json, "%s/record.json", out);
  snprintf(header, sizeof header,
           "; Written by lwipsim explore: the worst %s case found on profile %s from scenario %s\n"
           "; (search seed %llu, %lu runs): peak %ld in the demand build, against %ld as recorded.\n"
           "; Perturbed: lwIP's seed, windowed action times, %u extra mDNS queries, one conversation moved by "
           "%lld ms (capture.pcap).\n",
           s->o->pool, s->e->name, s->sc.name, (unsigned long long)s->o->search_seed, s->runs, s->best_peak,
           s->baseline, s->best.copies, s->best.shift_peer >= 0 ? (long long)(s->best.shift_us / 1000) : 0LL);
  if (write_candidate(s, &s->best, ini, s->capture_abs[0] ? pcap : NULL, "capture.pcap", header) != 0) {
    return 2;
  }
  struct lwipsim_run_job job;
  lwipsim_run_job_init(&job, s->e->demand_runner, out, json, NULL);
  snprintf(job.label, sizeof job.label, "the worst case, replayed");
  int rc = lwipsim_run_pool_status(lwipsim_run_pool(&job, 1, 1, NULL));
  struct run_result r = rc == 0 ? judge_run(&job, s->o->pool, NULL) : (struct run_result){ 0, 0, 0 };
  lwipsim_run_job_free(&job);
  if (rc != 0) {
    return rc;
  }
  if (!r.valid || r.peak != s->best_peak) {
    fprintf(stderr, "lwipsim explore: %s: replayed, the worst case gives peak %ld, not the %ld found: a bug\n", out,
            r.peak, s->best_peak);
    return 2;
  }
  return 0;
}

static int write_summary(const struct search *s, const char *out)
{
  char path[PATH_MAX + 32];
  snprintf(path, sizeof path, "%s/explore.json", out);
  cJSON *j = cJSON_CreateObject();
  cJSON_AddNumberToObject(j, "lwipsim_explore", 1);
  cJSON_AddStringToObject(j, "profile", s->e->name);
  cJSON_AddStringToObject(j, "lwip_version", s->e->lwip_version);
  cJSON_AddStringToObject(j, "scenario", s->sc.name);
  cJSON_AddStringToObject(j, "pool", s->o->pool);
  cJSON_AddNumberToObject(j, "search_seed", (double)s->o->search_seed);
  cJSON_AddNumberToObject(j, "budget", (double)s->o->budget);
  cJSON_AddNumberToObject(j, "runs", (double)s->runs);
  cJSON_AddNumberToObject(j, "dropped", (double)s->dropped);
  cJSON_AddNumberToObject(j, "recorded_peak", (double)s->baseline);
  cJSON_AddNumberToObject(j, "found_peak", (double)s->best_peak);
  cJSON_AddNumberToObject(j, "found_at_run", (double)s->best_at);
  if (s->bound >= 0) {
    cJSON_AddNumberToObject(j, "bound", (double)s->bound);
  } else {
    cJSON_AddNullToObject(j, "bound");
  }
  cJSON_AddNumberToObject(j, "size", (double)s->size);
  cJSON_AddNumberToObject(j, "seed", s->best.seed);
  cJSON_AddNumberToObject(j, "copies", s->best.copies);
  if (s->best.shift_peer >= 0) {
    char peer[64];
    const struct lwipsim_explore_flow *fl = &s->best.flow;
    snprintf(peer, sizeof peer, "%s %u.%u.%u.%u:%u <-> device:%u", fl->proto == 6 ? "tcp" : "udp", fl->peer_ip[0],
             fl->peer_ip[1], fl->peer_ip[2], fl->peer_ip[3], fl->peer_port, fl->device_port);
    cJSON *sh = cJSON_AddObjectToObject(j, "moved_conversation");
    cJSON_AddStringToObject(sh, "flow", peer);
    cJSON_AddNumberToObject(sh, "shift_us", (double)s->best.shift_us);
  } else {
    cJSON_AddNullToObject(j, "moved_conversation");
  }
  char *text = cJSON_Print(j);
  cJSON_Delete(j);
  FILE *f = text ? fopen(path, "w") : NULL;
  int failed = f == NULL || fputs(text, f) < 0 || fputc('\n', f) < 0;
  if (f != NULL && fclose(f) != 0) {
    failed = 1;
  }
  free(text);
  if (failed) {
    fprintf(stderr, "lwipsim explore: cannot write %s: %s\n", path, strerror(errno));
    unlink(path);
    return 2;
  }
  return 0;
}

static int prepare(struct search *s, struct lwipsim_explore_candidate *original)
{
  char err[PATH_MAX + 256];
  if (lwipsim_scenario_load(s->o->scenario, &s->sc, err, sizeof err) != 0) {
    fprintf(stderr, "lwipsim explore: %s\n", err);
    return 2;
  }
  snprintf(s->ini_path, sizeof s->ini_path, "%s", s->sc.path);
  s->ini = lwipsim_read_file(s->ini_path, NULL, err, sizeof err);
  if (s->ini == NULL) {
    fprintf(stderr, "lwipsim explore: %s\n", err);
    return 2;
  }
  if (lwipsim_explore_scan(s->ini, s->ini_path, &s->space, original, err, sizeof err) != 0) {
    fprintf(stderr, "lwipsim explore: %s\n", err);
    return 2;
  }
  if (s->sc.capture_path[0] != '\0') {
    if (realpath(s->sc.capture_path, s->capture_abs) == NULL) {
      fprintf(stderr, "lwipsim explore: %s: %s\n", s->sc.capture_path, strerror(errno));
      return 2;
    }
    if (lwipsim_explore_scan_capture(s->capture_abs, s->sc.device_mac, &s->space, err, sizeof err) != 0) {
      fprintf(stderr, "lwipsim explore: %s\n", err);
      return 2;
    }
  }
  return 0;
}

int lwipsim_cmd_explore(const struct lwipsim_cli *cli, int argc, char **argv)
{
  static struct search s;
  static struct options o;
  memset(&s, 0, sizeof s);
  int rc = parse_args(argc, argv, &o, &s.space);
  if (rc != 0) {
    return rc < 0 ? 0 : rc;
  }
  s.o = &o;
  s.e = lwipsim_profiles_find(&cli->profiles, o.profile, o.lwip);
  if (s.e == NULL) {
    fprintf(stderr, "lwipsim explore: unknown profile '%s' (see `lwipsim profiles`)\n", o.profile);
    return 2;
  }
  struct lwipsim_explore_candidate original;
  rc = prepare(&s, &original);
  if (rc == 0 && lwipsim_scratch_create(s.scratch, sizeof s.scratch) != 0) {
    rc = 2;
  }
  char out[PATH_MAX];
  if (o.out != NULL) {
    snprintf(out, sizeof out, "%s", o.out);
  } else {
    snprintf(out, sizeof out, "explore-%s-%s-%s", s.e->name, s.sc.name, o.pool);
  }
  if (rc == 0) {
    fprintf(stderr,
            "lwipsim explore: %s on %s, %s: %lu runs; %zu windowed script line(s), up to %u extra of %zu "
            "mDNS queries, %zu conversations moved up to %llu ms\n",
            s.sc.name, s.e->name, o.pool, o.budget, s.space.n_timed, s.space.n_queries ? s.space.max_copies : 0,
            s.space.n_queries, s.space.max_shift_ms ? s.space.n_flows : 0, (unsigned long long)s.space.max_shift_ms);
    rc = baseline(&s);
  }
  if (rc == 0) {
    rc = search(&s, &original);
  }
  if (rc == 0) {
    rc = write_result(&s, out);
  }
  if (rc == 0) {
    rc = write_summary(&s, out);
  }
  if (s.scratch[0] != '\0') {
    lwipsim_scratch_remove(s.scratch);
  }
  free(s.ini);
  lwipsim_scenario_free(&s.sc);
  if (rc != 0) {
    return rc;
  }
  printf("%s on %s, %s: peak %ld found in %lu runs (%lu dropped: a broken conversation), recorded %ld", s.sc.name,
         s.e->name, o.pool, s.best_peak, s.runs, s.dropped, s.baseline);
  if (s.bound >= 0) {
    printf(", bound %ld", s.bound);
  }
  printf(", size %ld\nworst case: %s (lwipsim replay --demand --profile %s --scenario %s gives peak %ld)\n", s.size,
         out, s.e->name, out, s.best_peak);
  return s.size >= 0 && s.best_peak > s.size ? EXIT_SIZE_EXCEEDED : 0;
}
