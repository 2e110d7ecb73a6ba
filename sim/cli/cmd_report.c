/* lwipsim report: every scenario through every profile (faithful and demand
 * builds), a sweep, verdicts; writes report.md/.html/.json and junit.xml. */
#include <dirent.h>
#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli_args.h"
#include "cli/commands.h"
#include "cli/fw_target.h"
#include "cli/ini_get.h"
#include "cli/layout.h"
#include "cli/report_explore.h"
#include "cli/report_shard.h"
#include "cli/report_target.h"
#include "cli/run_pool.h"
#include "cli/user_profile.h"
#include "common/demand_pool.h"
#include "common/json_get.h"
#include "report/render.h"
#include "report/report_build.h"
#include "report/sweep_row.h"
#include "run_record/record.h"
#include "scenario/scenario.h"

#define MAX_ITEMS 64
#define DEMAND_CAPACITY LWIPSIM_DEMAND_POOL

struct sweep_spec {
  char pool[64];
  long lo, hi; /* lo < 0: the default range around size and demand */
  long step;   /* HEAP=LO:HI:STEP (bytes); 1 otherwise */
};

/* HEAP (lwIP's heap, in bytes) is swept only when asked: --sweep HEAP=LO:HI:STEP. */
#define HEAP_SWEEP_MAX 1048576L
#define HEAP_SWEEP_RUNS 200
#define LWIPSIM_STR2(x) #x
#define LWIPSIM_STR(x) LWIPSIM_STR2(x)

struct report_args {
  const char *profiles[MAX_ITEMS];
  size_t n_profiles;
  struct lwipsim_user_profile users[MAX_ITEMS];
  size_t n_users;
  char scenarios[MAX_ITEMS][PATH_MAX];
  size_t n_scenarios;
  struct sweep_spec sweeps[MAX_ITEMS];
  size_t n_sweeps;
  const char *out, *lwip_version, *assert_policy, *build_dir;
  const char *target;    /* --target: the chip's runs beside the host's (cli/report_target.c) */
  unsigned long explore; /* --explore RUNS: search each MARGINAL pool (cli/report_explore.c) */
  int gate, gate_marginal, jobs;
  struct lwipsim_shard shard;   /* --shard I/N; count 0: the whole report */
  const char *merge[MAX_ITEMS]; /* --merge DIR... */
  size_t n_merge;
};

static void usage(FILE *out)
{
  fprintf(out, "usage: lwipsim report --out DIR [--profile NAME ...] [--lwipopts DIR ...]\n"
               "                      [--lwip-version V] [--assert-policy P] [--scenario DIR ...]\n"
               "                      [--sweep POOL=LO:HI ...] [--gate[=marginal]] [--jobs N] [--max-wall S]\n"
               "                      [--shard I/N] [--target rp2040] [--explore RUNS] [--fix]\n"
               "       lwipsim report --merge DIR... --out DIR [--gate[=marginal]]\n"
               "\n"
               "Is each lwipopts.h safe for the traffic, and what should change? Runs every\n"
               "scenario through every profile (its own build, and the demand build that measures\n"
               "what each pool needs), sweeps SYS_TIMEOUT around the configured size, and gives\n"
               "each pool a verdict (UNSAFE, MARGINAL, SAFE, or no count limit) with the value and\n"
               "lwipopts.h line to use. Writes DIR/report.md, report.html, report.json, junit.xml.\n"
               "\n"
               "  --profile NAME     a built profile (default: every profile in lwipopts/)\n"
               "  --lwipopts DIR     your own lwipopts.h folder: built and included (with its\n"
               "                     profile.ini, or --lwip-version and --assert-policy)\n"
               "  --build-dir DIR    where --lwipopts folders are built (default: BUILD/user-build\n"
               "                     in a build tree, $XDG_CACHE_HOME/lwipsim when installed)\n"
               "  --scenario DIR     a scenario folder (default: every scenarios/*/scenario.ini)\n"
               "  --sweep POOL=LO:HI sweep POOL over LO..HI instead of the default SYS_TIMEOUT sweep\n"
               "  --gate             exit 3 when any pool is UNSAFE; --gate=marginal: or MARGINAL\n"
               "  --explore RUNS     search each MARGINAL pool's worst case (lwipsim explore, RUNS runs\n"
               "                     on the scenario that set its demand); its row shows what was found\n"
               "  --fix              raise the UNSAFE pools in a copy of the header, rebuild it and\n"
               "                     run every scenario again: a proven lwipopts.patch (lwipsim fix --help)\n"
               "  --jobs N           runs at once (default: the number of cores)\n"
               "  --target rp2040    also run each scenario on the profile's firmware image in an\n"
               "                     emulated RP2040; its pool peaks and failures go beside the host's\n"
               "  --max-wall S       stop any run after S seconds of wall-clock time (then exit 2:\n"
               "                     a run cut short is no basis for a verdict)\n"
               "  --shard I/N        make only the I-th of N parts of the runs (for N CI runners) and\n"
               "                     write them to DIR/shard.json; give the same options to every shard\n"
               "  --merge DIR...     join the N shards' folders into the report (byte-identical to\n"
               "                     the unsharded one); a missing, repeated or foreign shard: exit 2\n"
               "\n"
               "exit: 0 written, 2 usage, input or harness error, or a run stopped by --max-wall,\n"
               "      3 gate tripped\n");
}

static int parse_sweep(const char *s, struct sweep_spec *sp)
{
  const char *eq = strchr(s, '=');
  if (eq == NULL || eq == s || (size_t)(eq - s) >= sizeof sp->pool) {
    return -1;
  }
  snprintf(sp->pool, sizeof sp->pool, "%.*s", (int)(eq - s), s);
  sp->step = 1;
  if (strcmp(sp->pool, "HEAP") == 0) {
    char range[64];
    const char *c2 = strrchr(eq + 1, ':');
    uint64_t step;
    if (c2 == NULL || c2 == strchr(eq + 1, ':') || (size_t)(c2 - eq - 1) >= sizeof range ||
        lwipsim_scenario_parse_uint(c2 + 1, HEAP_SWEEP_MAX, &step) != 0 || step < 1) {
      return -1;
    }
    snprintf(range, sizeof range, "%.*s", (int)(c2 - eq - 1), eq + 1);
    sp->step = (long)step;
    if (lwipsim_parse_range(range, HEAP_SWEEP_MAX, &sp->lo, &sp->hi) != 0 ||
        (sp->hi - sp->lo) / sp->step + 1 > HEAP_SWEEP_RUNS) {
      return -1;
    }
    return 0;
  }
  return lwipsim_parse_range(eq + 1, DEMAND_CAPACITY, &sp->lo, &sp->hi);
}

/* A repeated option past the table's size is refused, never dropped. */
static int too_many(size_t have, const char *option)
{
  if (have < MAX_ITEMS) {
    return 0;
  }
  fprintf(stderr, "lwipsim report: more than %d %s options; at most %d are taken (split the report)\n", MAX_ITEMS,
          option, MAX_ITEMS);
  return 1;
}

/* --merge takes the runs' options from the shards, and a shard has no
 * verdicts to gate on: either mixed in is refused, never ignored. */
static int shard_args_conflict(const struct report_args *a)
{
  if (a->n_merge > 0 &&
      (a->shard.count > 0 || a->n_profiles > 0 || a->n_users > 0 || a->n_scenarios > 0 || a->n_sweeps > 0)) {
    fprintf(stderr, "lwipsim report: --merge takes only --out and --gate (the shards ran the rest)\n");
    return 1;
  }
  if (a->shard.count > 0 && a->gate) {
    fprintf(stderr, "lwipsim report: --gate applies to the whole report: give it to --merge, not to --shard\n");
    return 1;
  }
  if ((a->shard.count > 0 || a->n_merge > 0) && a->explore > 0) {
    fprintf(stderr, "lwipsim report: --explore needs the whole report in one run: not with --shard or --merge\n");
    return 1;
  }
  return 0;
}

static int parse_args(int argc, char **argv, struct report_args *a)
{
  int bad = 0;
  const char *v;
  for (int i = 1; i < argc && !bad; i++) {
    if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
      usage(stdout);
      return 0;
    } else if (strcmp(argv[i], "--gate") == 0) {
      a->gate = 1;
    } else if (strcmp(argv[i], "--gate=marginal") == 0) {
      a->gate = a->gate_marginal = 1;
    } else if ((v = lwipsim_arg_value(argc, argv, &i, "--profile", "report", &bad))) {
      if (too_many(a->n_profiles, "--profile")) {
        return 2;
      }
      a->profiles[a->n_profiles++] = v;
    } else if ((v = lwipsim_arg_value(argc, argv, &i, "--lwipopts", "report", &bad))) {
      if (too_many(a->n_users, "--lwipopts")) {
        return 2;
      }
      snprintf(a->users[a->n_users++].dir, PATH_MAX, "%s", v);
    } else if ((v = lwipsim_arg_value(argc, argv, &i, "--scenario", "report", &bad))) {
      if (too_many(a->n_scenarios, "--scenario")) {
        return 2;
      }
      snprintf(a->scenarios[a->n_scenarios++], PATH_MAX, "%s", v);
    } else if ((v = lwipsim_arg_value(argc, argv, &i, "--sweep", "report", &bad))) {
      if (too_many(a->n_sweeps, "--sweep")) {
        return 2;
      }
      if (parse_sweep(v, &a->sweeps[a->n_sweeps++]) != 0) {
        fprintf(stderr,
                "lwipsim report: --sweep %s: expected POOL=LO:HI with 0 <= LO <= HI <= %d (HEAP=LO:HI:STEP in bytes, "
                "at most " LWIPSIM_STR(HEAP_SWEEP_RUNS) " values)\n",
                v, DEMAND_CAPACITY);
        return 2;
      }
    } else if ((v = lwipsim_arg_value(argc, argv, &i, "--shard", "report", &bad))) {
      if (lwipsim_shard_parse(v, &a->shard) != 0) {
        fprintf(stderr, "lwipsim report: --shard %s: expected I/N with 1 <= I <= N <= 1024 (e.g. 2/4)\n", v);
        return 2;
      }
    } else if (strcmp(argv[i], "--merge") == 0) {
      while (i + 1 < argc && strncmp(argv[i + 1], "--", 2) != 0) {
        if (too_many(a->n_merge, "--merge folder")) {
          return 2;
        }
        a->merge[a->n_merge++] = argv[++i];
      }
      if (a->n_merge == 0) {
        fprintf(stderr, "lwipsim report: --merge needs the shards' folders\n");
        return 2;
      }
    } else if ((v = lwipsim_arg_value(argc, argv, &i, "--out", "report", &bad))) {
      a->out = v;
    } else if ((v = lwipsim_arg_value(argc, argv, &i, "--lwip-version", "report", &bad))) {
      a->lwip_version = v;
    } else if ((v = lwipsim_arg_value(argc, argv, &i, "--assert-policy", "report", &bad))) {
      a->assert_policy = v;
    } else if ((v = lwipsim_arg_value(argc, argv, &i, "--explore", "report", &bad))) {
      uint64_t runs;
      if (lwipsim_scenario_parse_uint(v, 100000, &runs) != 0 || runs == 0) {
        fprintf(stderr, "lwipsim report: --explore %s: expected runs per search from 1 to 100000\n", v);
        return 2;
      }
      a->explore = (unsigned long)runs;
    } else if ((v = lwipsim_arg_value(argc, argv, &i, "--target", "report", &bad))) {
      a->target = v;
      if (strcmp(v, "rp2040") != 0) {
        fprintf(stderr, "lwipsim report: --target %s: the one target is rp2040\n", v);
        return 2;
      }
    } else if ((v = lwipsim_arg_value(argc, argv, &i, "--build-dir", "report", &bad))) {
      a->build_dir = v;
    } else if ((v = lwipsim_arg_value(argc, argv, &i, "--max-wall", "report", &bad))) {
      if (lwipsim_check_max_wall(v) != 0) {
        fprintf(stderr, "lwipsim report: --max-wall %s: expected seconds greater than 0 (e.g. 60 or 2.5)\n", v);
        return 2;
      }
      lwipsim_run_job_set_max_wall(v);
    } else if ((v = lwipsim_arg_value(argc, argv, &i, "--jobs", "report", &bad))) {
      if (lwipsim_parse_jobs(v, &a->jobs) != 0) {
        fprintf(stderr, "lwipsim report: --jobs %s: expected a count from 1 to 1024\n", v);
        return 2;
      }
    } else if (!bad) {
      fprintf(stderr, "lwipsim report: unexpected argument '%s' (see --help)\n", argv[i]);
      return 2;
    }
  }
  if (bad) {
    return 2;
  }
  if (a->out == NULL) {
    fprintf(stderr, "lwipsim report: --out DIR is required (see --help)\n");
    return 2;
  }
  if (shard_args_conflict(a)) {
    return 2;
  }
  if (a->n_sweeps == 0) {
    snprintf(a->sweeps[0].pool, sizeof a->sweeps[0].pool, "SYS_TIMEOUT");
    a->sweeps[0].lo = a->sweeps[0].hi = -1;
    a->sweeps[0].step = 1;
    a->n_sweeps = 1;
  }
  return -1; /* go on */
}

static int cmp_str(const void *x, const void *y) { return strcmp(x, y); }

/* Every scenarios/<name>/ with a scenario.ini, sorted by name. */
static void default_scenarios(struct report_args *a)
{
  char root[PATH_MAX + 16];
  snprintf(root, sizeof root, "%s/scenarios", lwipsim_layout()->data_dir);
  DIR *d = opendir(root);
  if (d == NULL) {
    return;
  }
  struct dirent *e;
  while ((e = readdir(d)) != NULL && a->n_scenarios < MAX_ITEMS) {
    char ini[PATH_MAX * 2];
    snprintf(ini, sizeof ini, "%s/%s/scenario.ini", root, e->d_name);
    struct stat st;
    if (e->d_name[0] != '.' && stat(ini, &st) == 0) {
      int n = snprintf(a->scenarios[a->n_scenarios], PATH_MAX, "%s/%s", root, e->d_name);
      a->n_scenarios += n > 0 && n < PATH_MAX;
    }
  }
  closedir(d);
  qsort(a->scenarios, a->n_scenarios, sizeof a->scenarios[0], cmp_str);
}

static const char *scenario_name(const char *dir, char *buf, size_t cap)
{
  char copy[PATH_MAX];
  snprintf(copy, sizeof copy, "%s", dir);
  size_t len = strlen(copy);
  while (len > 1 && copy[len - 1] == '/') {
    copy[--len] = '\0';
  }
  snprintf(buf, cap, "%s", basename(copy));
  return buf;
}

/* The profiles to report on: named ones, the user's, or every bundled one. */
static size_t pick_profiles(const struct report_args *a, const struct lwipsim_profiles_index *idx,
                            const struct lwipsim_profile_entry **out)
{
  size_t n = 0;
  for (size_t i = 0; i < a->n_profiles; i++) {
    const struct lwipsim_profile_entry *e = lwipsim_profiles_find(idx, a->profiles[i], NULL);
    if (e == NULL) {
      fprintf(stderr, "lwipsim report: unknown profile '%s' (see `lwipsim profiles`)\n", a->profiles[i]);
      return 0;
    }
    out[n++] = e;
  }
  for (size_t i = 0; i < a->n_users; i++) {
    out[n++] = lwipsim_profiles_find(idx, a->users[i].name, NULL);
  }
  if (a->n_profiles == 0 && a->n_users == 0) {
    char bundled[PATH_MAX + 16];
    snprintf(bundled, sizeof bundled, "%s/lwipopts/", lwipsim_layout()->data_dir);
    for (size_t i = 0; i < idx->n && n < MAX_ITEMS; i++) {
      if (strncmp(idx->entries[i].dir, bundled, strlen(bundled)) == 0) {
        out[n++] = &idx->entries[i];
      }
    }
  }
  if (n == 0) {
    fprintf(stderr, "lwipsim report: no profiles to report on\n");
  }
  return n;
}

static cJSON *profile_input(const struct lwipsim_profile_entry *e)
{
  cJSON *p = cJSON_CreateObject();
  cJSON_AddStringToObject(p, "name", e->name);
  cJSON_AddStringToObject(p, "lwip_version", e->lwip_version);
  cJSON_AddStringToObject(p, "assert_policy", e->assert_policy);
  cJSON_AddStringToObject(p, "description", e->description);
  cJSON_AddArrayToObject(p, "runs");
  cJSON_AddArrayToObject(p, "sweeps");
  cJSON_AddArrayToObject(p, "not_run");
  return p;
}

/* The runner's one line from "scenario.ini:LINE: ..." on: the command
 * prefix and the folder (the report's scenario column names it) would make
 * the report depend on where the checkout lies. */
static const char *runner_reason(const struct lwipsim_run_job *j)
{
  const char *r = strstr(j->err, "scenario.ini:");
  return r != NULL ? r : j->err;
}

/* A finished job's record (the one the run pool read, or its file); on a
 * runner input error or a missing record, prints one line and returns NULL. */
static cJSON *job_record(struct lwipsim_run_job *j)
{
  char err[PATH_MAX + 128] = "";
  /* a run cut short by --max-wall is no basis for a verdict: its peaks cover part of the run */
  cJSON *rec = j->exit_code == LWIPSIM_EXIT_USAGE || j->exit_code == LWIPSIM_EXIT_TIMEOUT
                   ? NULL
                   : lwipsim_run_job_record(j, err, sizeof err);
  if (rec == NULL) {
    fprintf(stderr, "lwipsim report: %s: %s\n", j->label, j->err[0] ? j->err : err);
  }
  return rec;
}

/* Faithful and demand runs of every (profile, scenario) into input's runs. */
static int run_phase1(const struct report_args *a, const struct lwipsim_profile_entry **pe, size_t np,
                      const char *scratch, cJSON *inputs)
{
  /* sel: the profiles this shard runs (every one, unsharded) */
  size_t ns = a->n_scenarios, sel[MAX_ITEMS * 2], nsel = 0;
  for (size_t p = 0; p < np; p++) {
    if (lwipsim_shard_runs_profile(&a->shard, p)) {
      sel[nsel++] = p;
    }
  }
  size_t n = nsel * ns * 2;
  struct lwipsim_run_job *jl = calloc(n ? n : 1, sizeof *jl);
  if (jl == NULL) {
    fprintf(stderr, "lwipsim report: out of memory for %zu runs\n", n);
    return 2;
  }
  for (size_t q = 0; q < nsel; q++) {
    size_t p = sel[q];
    for (size_t s = 0; s < ns; s++) {
      for (int d = 0; d < 2; d++) {
        struct lwipsim_run_job *j = &jl[(q * ns + s) * 2 + (size_t)d];
        char out[PATH_MAX + 64], name[256];
        snprintf(out, sizeof out, "%s/p%zu-s%zu-%s.json", scratch, p, s, d ? "demand" : "faithful");
        lwipsim_run_job_init(j, d ? pe[p]->demand_runner : pe[p]->runner, a->scenarios[s], out, NULL);
        snprintf(j->label, sizeof j->label, "%s \u00d7 %s (%s)", pe[p]->name,
                 scenario_name(a->scenarios[s], name, sizeof name), d ? "demand" : "faithful");
      }
    }
  }
  int rc = n == 0 ? 0 : lwipsim_run_pool_status(lwipsim_run_pool(jl, n, a->jobs, "lwipsim report: runs"));
  for (size_t q = 0; q < nsel && rc == 0; q++) {
    size_t p = sel[q];
    cJSON *runs = cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(inputs, (int)p), "runs");
    cJSON *not_run = cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(inputs, (int)p), "not_run");
    for (size_t s = 0; s < ns && rc == 0; s++) {
      char name[256];
      struct lwipsim_run_job *fj = &jl[(q * ns + s) * 2];
      if (fj->exit_code == LWIPSIM_EXIT_NOT_APPLICABLE) {
        cJSON *nr = cJSON_CreateObject();
        cJSON_AddStringToObject(nr, "scenario", scenario_name(a->scenarios[s], name, sizeof name));
        cJSON_AddStringToObject(nr, "reason", runner_reason(fj));
        cJSON_AddItemToArray(not_run, nr);
        continue;
      }
      cJSON *f = job_record(fj);
      cJSON *d = f ? job_record(&jl[(q * ns + s) * 2 + 1]) : NULL;
      if (d == NULL) {
        cJSON_Delete(f);
        rc = 2;
        break;
      }
      cJSON *run = cJSON_CreateObject();
      cJSON_AddStringToObject(run, "scenario", scenario_name(a->scenarios[s], name, sizeof name));
      cJSON_AddItemToObject(run, "faithful", f);
      cJSON_AddItemToObject(run, "demand", d);
      cJSON_AddItemToArray(runs, run);
    }
  }
  for (size_t k = 0; k < n; k++) {
    lwipsim_run_job_free(&jl[k]);
  }
  free(jl);
  return rc;
}

/* Whether runs (one profile's) holds the scenario: not, when the profile
 * compiled out what its script needs. */
static int scenario_ran(const cJSON *runs, const char *scenario)
{
  char name[256];
  scenario_name(scenario, name, sizeof name);
  const cJSON *run;
  cJSON_ArrayForEach(run, runs)
  {
    if (strcmp(lwipsim_jstr(run, "scenario", ""), name) == 0) {
      return 1;
    }
  }
  return 0;
}

struct sweep_plan {
  size_t profile, spec, scenario;
  long lo, hi;
  cJSON *sweep; /* the profile's sweeps[] entry being filled */
};

/* Doubles both per-job arrays; on failure both keep what they held. */
static int grow_sweep_jobs(struct lwipsim_run_job **jl, struct sweep_plan **plan, size_t *cap)
{
  size_t want = *cap ? *cap * 2 : 64;
  struct lwipsim_run_job *j = realloc(*jl, want * sizeof *j);
  if (j == NULL) {
    return -1;
  }
  *jl = j;
  struct sweep_plan *p = realloc(*plan, want * sizeof *p);
  if (p == NULL) {
    return -1;
  }
  *plan = p;
  *cap = want;
  return 0;
}

/* Every sweep of every profile, all values in one parallel batch. */
static int run_sweeps(const struct report_args *a, const struct lwipsim_profile_entry **pe, size_t np,
                      const char *scratch, cJSON *inputs)
{
  size_t ns = a->n_scenarios, n = 0, cap = 0, planned = 0; /* planned: over all shards */
  struct lwipsim_run_job *jl = NULL;
  struct sweep_plan *plan = NULL; /* one per job */
  int oom = 0;
  for (size_t p = 0; p < np && !oom; p++) {
    cJSON *in = cJSON_GetArrayItem(inputs, (int)p);
    for (size_t k = 0; k < a->n_sweeps && !oom; k++) {
      const struct sweep_spec *sp = &a->sweeps[k];
      long lo = sp->lo, hi = sp->hi;
      const cJSON *runs = cJSON_GetObjectItemCaseSensitive(in, "runs");
      if (cJSON_GetArraySize(runs) == 0) {
        continue; /* no scenario runs on this profile */
      }
      const cJSON *rec0 = cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(runs, 0), "faithful");
      int heap = strcmp(sp->pool, "HEAP") == 0;
      if (heap ? !cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(rec0, "heap"))
               : !lwipsim_record_pool(rec0, sp->pool)) {
        continue; /* not a pool of this profile (HEAP: its heap is not counted) */
      }
      if (lo < 0 && lwipsim_report_sweep_range(runs, sp->pool, &lo, &hi) != 0) {
        continue; /* no count limit: nothing to sweep by default */
      }
      hi = !heap && hi > DEMAND_CAPACITY ? DEMAND_CAPACITY : hi;
      cJSON *sweep = cJSON_CreateObject();
      cJSON_AddStringToObject(sweep, "pool", sp->pool);
      cJSON_AddNumberToObject(sweep, "lo", (double)lo);
      cJSON_AddNumberToObject(sweep, "hi", (double)hi);
      if (heap) {
        cJSON_AddNumberToObject(sweep, "step", (double)sp->step);
        cJSON_AddStringToObject(sweep, "bytes", "64-bit host");
      }
      cJSON_AddArrayToObject(sweep, "scenarios");
      cJSON_AddItemToArray(cJSON_GetObjectItemCaseSensitive(in, "sweeps"), sweep);
      for (size_t s = 0; s < ns && !oom; s++) {
        if (!scenario_ran(runs, a->scenarios[s])) {
          continue;
        }
        for (long v = lo; v <= hi; v += sp->step) {
          if (!lwipsim_shard_makes_sweep(&a->shard, p, planned++)) {
            continue;
          }
          if (n == cap && grow_sweep_jobs(&jl, &plan, &cap) != 0) {
            oom = 1;
            break;
          }
          char out[PATH_MAX + 64], capopt[96], name[256];
          snprintf(out, sizeof out, "%s/sweep-%zu.json", scratch, n);
          snprintf(capopt, sizeof capopt, "%s=%ld", sp->pool, v);
          const char *extra[] = { "--profile-caps", "--cap", capopt, "--no-timelines", NULL };
          lwipsim_run_job_init(&jl[n], pe[p]->demand_runner, a->scenarios[s], out, extra);
          jl[n].value = v;
          if (!heap && v > lo && n > 0 && plan[n - 1].sweep == sweep && plan[n - 1].scenario == s) {
            jl[n].below_plus1 = n; /* the job before: this sweep's value one step lower (lwipsim_run_job) */
          }
          jl[n].capped_pool = heap ? NULL : sp->pool;
          snprintf(jl[n].label, sizeof jl[n].label, "%s \u00d7 %s, %s", pe[p]->name,
                   scenario_name(a->scenarios[s], name, sizeof name), capopt);
          plan[n] = (struct sweep_plan){ p, k, s, lo, hi, sweep };
          n++;
        }
      }
    }
  }
  if (oom) {
    fprintf(stderr, "lwipsim report: out of memory after %zu sweep runs\n", n);
  }
  int rc = oom ? 2 : n == 0 ? 0 : lwipsim_run_pool_status(lwipsim_run_pool(jl, n, a->jobs, "lwipsim report: sweeps"));
  cJSON *rows = NULL, *rec = NULL;
  size_t rec_job = 0;
  for (size_t k = 0; k < n && rc == 0; k++) {
    const struct sweep_plan *pl = &plan[k];
    if (k == 0 || plan[k - 1].sweep != pl->sweep || plan[k - 1].scenario != pl->scenario) {
      char name[256];
      cJSON *entry = cJSON_CreateObject();
      cJSON_AddStringToObject(entry, "scenario", scenario_name(a->scenarios[pl->scenario], name, sizeof name));
      rows = cJSON_AddArrayToObject(entry, "rows");
      cJSON_AddItemToArray(cJSON_GetObjectItemCaseSensitive(pl->sweep, "scenarios"), entry);
    }
    /* a copied run's record is the one of the run that made it, the one
     * just read: parsed once for all the values it answers for (and not
     * again when the run pool read it to decide on the copies) */
    size_t src = jl[k].copied_from_plus1 != 0 ? jl[k].copied_from_plus1 - 1 : k;
    if (rec == NULL || rec_job != src) {
      cJSON_Delete(rec);
      rec = job_record(&jl[src]);
      rec_job = src;
    }
    if (rec == NULL) {
      rc = 2;
      break;
    }
    cJSON_AddItemToArray(rows, lwipsim_sweep_row(rec, a->sweeps[pl->spec].pool, jl[k].value));
  }
  cJSON_Delete(rec);
  for (size_t k = 0; k < n; k++) {
    lwipsim_run_job_free(&jl[k]);
  }
  free(jl);
  free(plan);
  return rc;
}

static cJSON *scenarios_input(const struct report_args *a)
{
  cJSON *arr = cJSON_CreateArray();
  for (size_t s = 0; s < a->n_scenarios; s++) {
    char name[256], ini[PATH_MAX + 16], desc[512] = "";
    snprintf(ini, sizeof ini, "%s/scenario.ini", a->scenarios[s]);
    lwipsim_ini_get(ini, "scenario", "description", desc, sizeof desc);
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "name", scenario_name(a->scenarios[s], name, sizeof name));
    cJSON_AddStringToObject(o, "description", desc);
    cJSON_AddItemToArray(arr, o);
  }
  return arr;
}

static int write_outputs(const char *dir, const cJSON *report)
{
  if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
    fprintf(stderr, "lwipsim report: cannot create %s: %s\n", dir, strerror(errno));
    return 2;
  }
  static const char *const files[] = { "report.json", "report.md", "report.html", "junit.xml" };
  for (size_t i = 0; i < 4; i++) {
    struct lwipsim_sb b = { 0 };
    if (i == 0) {
      /* integers printed as the run records' are: cJSON's own printing of
       * a number costs a printf and a scanf, the same bytes */
      char *text = lwipsim_record_print(report);
      if (text != NULL) {
        lwipsim_sb_append(&b, text, strlen(text));
        lwipsim_sb_append(&b, "\n", 1);
      } else {
        b.oom = 1;
      }
      free(text);
    } else if (i == 1) {
      lwipsim_render_md(report, &b);
    } else if (i == 2) {
      lwipsim_render_html(report, &b);
    } else {
      lwipsim_render_junit(report, &b);
    }
    char path[PATH_MAX + 32];
    snprintf(path, sizeof path, "%s/%s", dir, files[i]);
    int rc = lwipsim_sb_write_file(&b, path);
    lwipsim_sb_free(&b);
    if (rc != 0) {
      fprintf(stderr, "lwipsim report: cannot write %s: %s\n", path, strerror(errno));
      return 2;
    }
  }
  return 0;
}

/* Builds the report from input (consumed), writes it and applies --gate. */
static int finish_report(const struct report_args *a, cJSON *input)
{
  cJSON *report = lwipsim_report_build(input);
  cJSON_Delete(input);
  int rc = 0;
  if (a->explore > 0) {
    struct lwipsim_report_explore_args x = { .runs = a->explore,
                                             .out = a->out,
                                             .scenarios = (char(*)[PATH_MAX])a->scenarios,
                                             .n_scenarios = a->n_scenarios,
                                             .jobs = a->jobs };
    rc = lwipsim_report_explore(report, &x);
  }
  rc = rc != 0 ? rc : write_outputs(a->out, report);
  if (rc == 0) {
    fprintf(stderr, "lwipsim report: wrote %s/report.html, report.md, report.json, junit.xml\n", a->out);
    int tripped = a->gate ? lwipsim_report_gate_count(report, a->gate_marginal) : 0;
    if (tripped > 0) {
      fprintf(stderr, "lwipsim report: gate: %d verdict(s) %s\n", tripped,
              a->gate_marginal ? "UNSAFE or MARGINAL" : "UNSAFE");
      rc = 3;
    }
  }
  cJSON_Delete(report);
  return rc;
}

int lwipsim_cmd_report(const struct lwipsim_cli *cli, int argc, char **argv)
{
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--fix") == 0) {
      return lwipsim_cmd_fix(cli, argc, argv); /* report, fix, report again: cmd_fix.c */
    }
  }
  static struct report_args a;
  memset(&a, 0, sizeof a);
  a.jobs = lwipsim_run_pool_default_jobs();
  int rc = parse_args(argc, argv, &a);
  if (rc >= 0) {
    return rc;
  }
  if (a.n_merge > 0) {
    cJSON *merged = lwipsim_shard_merge(a.merge, a.n_merge);
    return merged != NULL ? finish_report(&a, merged) : 2;
  }
  struct lwipsim_profiles_index idx;
  char err[PATH_MAX + 128];
  if (lwipsim_profiles_load(cli->layout->runner_dir, &idx, err, sizeof err) != 0) {
    fprintf(stderr, "lwipsim report: %s\n", err);
    return 2;
  }
  if (a.n_users > 0) {
    rc = lwipsim_user_profiles_build(a.users, a.n_users, a.lwip_version, a.assert_policy, a.jobs, a.build_dir, &idx);
    if (rc != 0) {
      lwipsim_profiles_free(&idx);
      return rc;
    }
  }
  if (a.n_scenarios == 0) {
    default_scenarios(&a);
  }
  for (size_t s = 0; s < a.n_scenarios; s++) {
    char ini[PATH_MAX + 16];
    struct stat st;
    snprintf(ini, sizeof ini, "%s/scenario.ini", a.scenarios[s]);
    if (stat(ini, &st) != 0) {
      fprintf(stderr, "lwipsim report: %s: no scenario.ini in this folder\n", a.scenarios[s]);
      lwipsim_profiles_free(&idx);
      return 2;
    }
    /* the report names a scenario by its folder: two of one name would have
     * their rows and demand merged under it */
    for (size_t t = 0; t < s; t++) {
      char name_s[256], name_t[256];
      if (strcmp(scenario_name(a.scenarios[s], name_s, sizeof name_s),
                 scenario_name(a.scenarios[t], name_t, sizeof name_t)) == 0) {
        fprintf(stderr,
                "lwipsim report: %s and %s are both named '%s'; the report names scenarios by folder, so rename "
                "one\n",
                a.scenarios[t], a.scenarios[s], name_s);
        lwipsim_profiles_free(&idx);
        return 2;
      }
    }
  }
  const struct lwipsim_profile_entry *pe[MAX_ITEMS * 2];
  size_t np = pick_profiles(&a, &idx, pe);
  char scratch[PATH_MAX];
  if (np == 0 || a.n_scenarios == 0 || lwipsim_scratch_create(scratch, sizeof scratch) != 0) {
    if (a.n_scenarios == 0) {
      fprintf(stderr, "lwipsim report: no scenarios (none given, none in %s/scenarios)\n", lwipsim_layout()->data_dir);
    }
    lwipsim_profiles_free(&idx);
    return 2;
  }
  lwipsim_shard_plan(&a.shard, np);
  if (a.shard.count > 0) {
    fprintf(stderr, "lwipsim report: %zu profile(s) \u00d7 %zu scenario(s), shard %u/%u\n", np, a.n_scenarios,
            a.shard.index, a.shard.count);
  } else {
    fprintf(stderr, "lwipsim report: %zu profile(s) \u00d7 %zu scenario(s)\n", np, a.n_scenarios);
  }
  cJSON *input = cJSON_CreateObject();
  cJSON_AddItemToObject(input, "scenarios", scenarios_input(&a));
  cJSON *inputs = cJSON_AddArrayToObject(input, "profiles");
  for (size_t p = 0; p < np; p++) {
    cJSON *pin = profile_input(pe[p]);
    /* the RP2040 image's figures, when the firmware build made one */
    cJSON *target = lwipsim_fw_target_input(cli->bin_dir, pe[p]->name);
    if (target != NULL) {
      cJSON_AddItemToObject(pin, "target", target);
    }
    cJSON_AddItemToArray(inputs, pin);
  }
  rc = run_phase1(&a, pe, np, scratch, inputs);
  if (rc == 0 && a.target != NULL) {
    rc = lwipsim_report_target_runs(cli, a.target, pe, np, a.scenarios, a.n_scenarios, scratch, a.jobs, inputs);
  }
  if (rc == 0) {
    rc = run_sweeps(&a, pe, np, scratch, inputs);
  }
  lwipsim_scratch_remove(scratch);
  if (rc == 0 && a.shard.count > 0) {
    rc = lwipsim_shard_write(&a.shard, input, a.out);
    if (rc == 0) {
      fprintf(stderr, "lwipsim report: wrote shard %u/%u to %s/%s\n", a.shard.index, a.shard.count, a.out,
              LWIPSIM_SHARD_FILE);
    }
    cJSON_Delete(input);
  } else if (rc == 0) {
    rc = finish_report(&a, input);
  } else {
    cJSON_Delete(input);
  }
  lwipsim_profiles_free(&idx);
  return rc;
}
