/* lwipsim sweep: one capped demand run per value of one pool, in parallel. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli_args.h"
#include "cli/commands.h"
#include "cli/run_pool.h"
#include "common/demand_pool.h"
#include "common/json_get.h"
#include "common/strbuf.h"
#include "report/sweep_row.h"
#include "run_record/record.h"
#include "scenario/scenario.h"

/* The demand build compiles fixed pools with this many elements
 * (cmake/LwipsimProfile.cmake); a cap above it cannot be honoured. */
#define DEMAND_CAPACITY LWIPSIM_DEMAND_POOL
/* HEAP is swept in bytes: the demand build's mem.c heap holds 64000 bytes
 * (1 MiB for a profile above that; sim/stack/port/include/lwipsim_demand_pools.h),
 * and a value at or above it caps nothing. */
#define HEAP_MAX_BYTES 1048576L
#define MAX_RUNS 1000

static void usage(FILE *out)
{
  fprintf(out,
          "usage: lwipsim sweep --profile NAME --scenario DIR --pool POOL --range LO:HI[:STEP]\n"
          "                     [--lwip VERSION] [--jobs N] [--json FILE] [--max-wall S]\n"
          "\n"
          "Runs the scenario once per value of POOL from LO to HI, each on the profile's\n"
          "demand build with every pool capped at the profile's size and POOL at the value\n"
          "(exactly as if the profile were compiled with it), in parallel, and prints one\n"
          "row per value: outcome, time of the first failure, the pool and the handler or\n"
          "call site that failed.\n"
          "\n"
          "  --pool POOL     a pool as the run record names it (SYS_TIMEOUT, PBUF_POOL, TCP_PCB, ...),\n"
          "                  or HEAP: lwIP's heap (MEM_SIZE, or a custom allocator's budget), in bytes\n"
          "  --range LO:HI[:STEP]  values to try, every STEP-th (default 1), 0 <= LO <= HI <= %d\n"
          "                  (HEAP: bytes, HI <= %ld; 64-bit host bytes, as every heap figure)\n"
          "  --jobs N        runs at once (default: the number of cores, %d)\n"
          "  --json FILE     write the rows as JSON\n"
          "  --max-wall S    stop any run after S seconds of wall-clock time (then exit 2)\n"
          "\n"
          "exit: 0 every run finished (whatever its outcome), 2 usage, input or harness error,\n"
          "      or a run stopped by --max-wall\n",
          DEMAND_CAPACITY, HEAP_MAX_BYTES, lwipsim_run_pool_default_jobs());
}

/* LO:HI or LO:HI:STEP (STEP >= 1); at most MAX_RUNS values. */
static int parse_stepped_range(const char *s, long max, long *lo, long *hi, long *step)
{
  char head[64];
  const char *second = strchr(s, ':');
  second = second ? strchr(second + 1, ':') : NULL;
  uint64_t st = 1;
  if (second != NULL) {
    if ((size_t)(second - s) >= sizeof head || lwipsim_scenario_parse_uint(second + 1, (uint64_t)max, &st) != 0 ||
        st < 1) {
      return -1;
    }
    snprintf(head, sizeof head, "%.*s", (int)(second - s), s);
    s = head;
  }
  if (lwipsim_parse_range(s, max, lo, hi) != 0 || (*hi - *lo) / (long)st + 1 > MAX_RUNS) {
    return -1;
  }
  *step = (long)st;
  return 0;
}

static cJSON *sweep_json(const cJSON *first, const char *pool, cJSON *rows)
{
  cJSON *j = cJSON_CreateObject();
  cJSON_AddNumberToObject(j, "lwipsim_sweep", 1);
  cJSON_AddStringToObject(j, "profile", lwipsim_jstr(first, "profile", "?"));
  cJSON_AddStringToObject(j, "lwip_version", lwipsim_jstr(first, "lwip_version", "?"));
  cJSON_AddStringToObject(j, "scenario", lwipsim_jstr(first, "scenario", "?"));
  cJSON_AddStringToObject(j, "pool", pool);
  long size = strcmp(pool, "HEAP") == 0
                  ? lwipsim_jlong(cJSON_GetObjectItemCaseSensitive(first, "heap"), "size_bytes", -1)
                  : lwipsim_jlong(lwipsim_record_pool(first, pool), "size", -1);
  if (strcmp(pool, "HEAP") == 0) {
    cJSON_AddStringToObject(j, "bytes", "64-bit host");
  }
  if (size >= 0) {
    cJSON_AddNumberToObject(j, "configured", (double)size);
  } else {
    cJSON_AddNullToObject(j, "configured");
  }
  cJSON_AddItemToObject(j, "rows", rows);
  return j;
}

int lwipsim_cmd_sweep(const struct lwipsim_cli *cli, int argc, char **argv)
{
  const char *profile = NULL, *lwip = NULL, *scenario = NULL, *pool = NULL, *range = NULL, *json = NULL, *v;
  int jobs = lwipsim_run_pool_default_jobs(), bad = 0;
  for (int i = 1; i < argc && !bad; i++) {
    if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
      usage(stdout);
      return 0;
    } else if ((v = lwipsim_arg_value(argc, argv, &i, "--profile", "sweep", &bad))) {
      profile = v;
    } else if ((v = lwipsim_arg_value(argc, argv, &i, "--lwip", "sweep", &bad))) {
      lwip = v;
    } else if ((v = lwipsim_arg_value(argc, argv, &i, "--scenario", "sweep", &bad))) {
      scenario = v;
    } else if ((v = lwipsim_arg_value(argc, argv, &i, "--pool", "sweep", &bad))) {
      pool = v;
    } else if ((v = lwipsim_arg_value(argc, argv, &i, "--range", "sweep", &bad))) {
      range = v;
    } else if ((v = lwipsim_arg_value(argc, argv, &i, "--json", "sweep", &bad))) {
      json = v;
    } else if ((v = lwipsim_arg_value(argc, argv, &i, "--max-wall", "sweep", &bad))) {
      if (lwipsim_check_max_wall(v) != 0) {
        fprintf(stderr, "lwipsim sweep: --max-wall %s: expected seconds greater than 0 (e.g. 60 or 2.5)\n", v);
        return 2;
      }
      lwipsim_run_job_set_max_wall(v);
    } else if ((v = lwipsim_arg_value(argc, argv, &i, "--jobs", "sweep", &bad))) {
      if (lwipsim_parse_jobs(v, &jobs) != 0) {
        fprintf(stderr, "lwipsim sweep: --jobs %s: expected a count from 1 to 1024\n", v);
        return 2;
      }
    } else if (!bad) {
      fprintf(stderr, "lwipsim sweep: unexpected argument '%s' (see --help)\n", argv[i]);
      return 2;
    }
  }
  if (bad) {
    return 2;
  }
  if (profile == NULL || scenario == NULL || pool == NULL || range == NULL) {
    fprintf(stderr, "lwipsim sweep: --profile, --scenario, --pool and --range are required (see --help)\n");
    return 2;
  }
  long lo, hi, step;
  int heap = strcmp(pool, "HEAP") == 0;
  long max = heap ? HEAP_MAX_BYTES : DEMAND_CAPACITY;
  if (parse_stepped_range(range, max, &lo, &hi, &step) != 0) {
    if (heap) {
      fprintf(stderr,
              "lwipsim sweep: --range %s: expected LO:HI[:STEP] in bytes with 0 <= LO <= HI <= %ld, STEP >= 1, at "
              "most %d values\n",
              range, max, MAX_RUNS);
    } else {
      fprintf(stderr, "lwipsim sweep: --range %s: expected LO:HI with 0 <= LO <= HI <= %ld\n", range, max);
    }
    return 2;
  }
  const struct lwipsim_profile_entry *e = lwipsim_profiles_find(&cli->profiles, profile, lwip);
  if (e == NULL) {
    fprintf(stderr, "lwipsim sweep: unknown profile '%s'%s%s (see `lwipsim profiles`)\n", profile,
            lwip ? " for lwIP " : "", lwip ? lwip : "");
    return 2;
  }
  char scratch[PATH_MAX];
  if (lwipsim_scratch_create(scratch, sizeof scratch) != 0) {
    return 2;
  }
  size_t n = (size_t)((hi - lo) / step + 1);
  struct lwipsim_run_job *jl = calloc(n, sizeof *jl);
  if (jl == NULL) {
    fprintf(stderr, "lwipsim sweep: out of memory for %zu runs\n", n);
    lwipsim_scratch_remove(scratch);
    return 2;
  }
  for (size_t k = 0; k < n; k++) {
    char cap[160], out[PATH_MAX + 32];
    long value = lo + (long)k * step;
    snprintf(cap, sizeof cap, "%s=%ld", pool, value);
    snprintf(out, sizeof out, "%s/%ld.json", scratch, value);
    const char *extra[] = { "--profile-caps", "--cap", cap, "--no-timelines", NULL }; /* rows read no timeline */
    lwipsim_run_job_init(&jl[k], e->demand_runner, scenario, out, extra);
    jl[k].value = value;
    snprintf(jl[k].label, sizeof jl[k].label, "%s=%ld", pool, value);
    if (!heap) {             /* a count pool: a run whose cap was never reached answers for the values above it */
      jl[k].below_plus1 = k; /* the job before, one step lower (0: none) */
      jl[k].capped_pool = pool;
    }
  }
  int rc = lwipsim_run_pool_status(lwipsim_run_pool(jl, n, jobs, "lwipsim sweep"));
  cJSON *rows = cJSON_CreateArray(), *first = NULL, *rec = NULL;
  size_t rec_job = n;
  for (size_t k = 0; k < n && rc == 0; k++) {
    char err[PATH_MAX + 128] = "";
    /* a copied run's record is the one of the run that made it: read once for every value it answers for */
    size_t src = jl[k].copied_from_plus1 != 0 ? jl[k].copied_from_plus1 - 1 : k;
    if (rec_job != src) {
      if (rec != first) {
        cJSON_Delete(rec);
      }
      rec = lwipsim_run_job_record(&jl[src], err, sizeof err);
      rec_job = src;
    }
    /* a run cut short by --max-wall has no row to show: its peaks cover part of the run */
    if (jl[k].exit_code == 2 || jl[k].exit_code == LWIPSIM_EXIT_TIMEOUT || rec == NULL) {
      fprintf(stderr, "lwipsim sweep: %s: %s\n", jl[k].label, jl[k].err[0] ? jl[k].err : err);
      rc = 2;
      break;
    }
    cJSON_AddItemToArray(rows, lwipsim_sweep_row(rec, pool, jl[k].value));
    first = first != NULL ? first : rec;
  }
  if (rec != first) {
    cJSON_Delete(rec);
  }
  if (rc == 0) {
    long size = heap ? lwipsim_jlong(cJSON_GetObjectItemCaseSensitive(first, "heap"), "size_bytes", -1)
                     : lwipsim_jlong(lwipsim_record_pool(first, pool), "size", -1);
    printf("profile %s (lwIP %s), scenario %s, pool %s (configured %ld%s): demand build capped at each value\n",
           e->name, e->lwip_version, lwipsim_jstr(first, "scenario", "?"), pool, size,
           heap ? " bytes; values and peaks in 64-bit host bytes" : "");
    lwipsim_sweep_print(stdout, rows);
    cJSON *j = sweep_json(first, pool, rows);
    rows = NULL;
    if (json != NULL) {
      char *text = cJSON_Print(j);
      struct lwipsim_sb b = { 0 };
      lwipsim_sb_printf(&b, "%s\n", text);
      if (lwipsim_sb_write_file(&b, json) != 0) { /* no partial file: it could pass for a result */
        fprintf(stderr, "lwipsim sweep: cannot write %s: %s\n", json, strerror(errno));
        rc = 2;
      }
      lwipsim_sb_free(&b);
      free(text);
    }
    cJSON_Delete(j);
  }
  cJSON_Delete(rows);
  cJSON_Delete(first);
  for (size_t k = 0; k < n; k++) {
    lwipsim_run_job_free(&jl[k]);
  }
  free(jl);
  lwipsim_scratch_remove(scratch);
  return rc;
}
