#include "report/report_build.h"

#include <stdio.h>
#include <string.h>

#include "common/json_get.h"
#include "report/pool_macros.h"
#include "report/sweep_row.h"
#include "report/target_ram.h"
#include "report/target_runs.h"
#include "report/verdict.h"

/* Points kept per plotted series: enough for a phone-width chart, bounded so
 * report.json stays small whatever the traffic. */
#define PLOT_COLUMNS 300

static cJSON *dup_or_null(const cJSON *v) { return v ? cJSON_Duplicate(v, 1) : cJSON_CreateNull(); }

static void add_long_or_null(cJSON *o, const char *key, long v)
{
  if (v >= 0) {
    cJSON_AddNumberToObject(o, key, (double)v);
  } else {
    cJSON_AddNullToObject(o, key);
  }
}

/* The run's record to read configuration from: faithful first. */
static const cJSON *config_record(const cJSON *run)
{
  const cJSON *f = cJSON_GetObjectItemCaseSensitive(run, "faithful");
  return cJSON_IsObject(f) ? f : cJSON_GetObjectItemCaseSensitive(run, "demand");
}

/* What the traffic needs of a pool. For TCP_PCB, the PCBs not in TIME_WAIT:
 * when the pool is empty, lwIP's tcp_alloc kills the oldest TIME_WAIT PCB
 * and takes its place, so those never make a connection fail. */
static long pool_demand(const cJSON *p)
{
  const cJSON *live = cJSON_GetObjectItemCaseSensitive(p, "peak_without_time_wait");
  if (cJSON_IsNumber(live)) {
    return (long)live->valuedouble;
  }
  return lwipsim_jlong(p, "peak", 0);
}

static long demand_peak(const cJSON *run, const char *pool)
{
  const cJSON *d = cJSON_GetObjectItemCaseSensitive(run, "demand");
  return pool_demand(lwipsim_record_pool(cJSON_IsObject(d) ? d : config_record(run), pool));
}

static const cJSON *worst_case(const cJSON *run, const char *pool)
{
  const cJSON *w = cJSON_GetObjectItemCaseSensitive(lwipsim_record_pool(config_record(run), pool), "worst_case");
  return cJSON_IsObject(w) && cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(w, "value")) ? w : NULL;
}

static long size_of(const cJSON *pool)
{
  return lwipsim_jlong(pool, "size", -1); /* null: MEMP_MEM_MALLOC, no count limit */
}

/* Bound over all scenarios: known only when every run knows it. */
static const cJSON *profile_bound(const cJSON *runs, const char *pool)
{
  const cJSON *best = NULL, *run;
  cJSON_ArrayForEach(run, runs)
  {
    const cJSON *w = worst_case(run, pool);
    if (w == NULL) {
      return NULL;
    }
    /* a tie goes to the bound that counts more reloads: its text says what the value assumes */
    long v = lwipsim_jlong(w, "value", 0), bv = best ? lwipsim_jlong(best, "value", 0) : -1;
    if (best == NULL || v > bv || (v == bv && lwipsim_jlong(w, "reloads", -1) > lwipsim_jlong(best, "reloads", -1))) {
      best = w;
    }
  }
  return best;
}

static long options_floor(const cJSON *options, const char *pool)
{
  if (strcmp(pool, "SYS_TIMEOUT") != 0) {
    return -1;
  }
  return lwipsim_jlong(options, "LWIP_NUM_SYS_TIMEOUT_INTERNAL", -1);
}

static int pool_interesting(const cJSON *runs, const char *pool)
{
  if (strcmp(pool, "SYS_TIMEOUT") == 0) {
    return 1;
  }
  const cJSON *run;
  cJSON_ArrayForEach(run, runs)
  {
    const cJSON *f = lwipsim_record_pool(cJSON_GetObjectItemCaseSensitive(run, "faithful"), pool);
    if (demand_peak(run, pool) > 0 || lwipsim_jlong(f, "failed", 0) > 0) {
      return 1;
    }
  }
  return 0;
}

static void add_point(cJSON *out, long t, long u)
{
  cJSON *pt = cJSON_CreateArray();
  cJSON_AddItemToArray(pt, cJSON_CreateNumber((double)t));
  cJSON_AddItemToArray(pt, cJSON_CreateNumber((double)u));
  cJSON_AddItemToArray(out, pt);
}

/* A timeline [[t, used], ...] cut to PLOT_COLUMNS buckets; each bucket keeps
 * its highest point and its last one, so short spikes stay visible. */
static cJSON *plot_series(const cJSON *timeline, long duration_ms)
{
  cJSON *out = cJSON_CreateArray();
  if (!cJSON_IsArray(timeline) || duration_ms <= 0) {
    return out;
  }
  long bucket = -1, max_t = 0, max_u = -1, last_t = 0, last_u = -1;
  const cJSON *pt;
  cJSON_ArrayForEach(pt, timeline)
  {
    long t = (long)cJSON_GetArrayItem(pt, 0)->valuedouble;
    long u = (long)cJSON_GetArrayItem(pt, 1)->valuedouble;
    long b = t * PLOT_COLUMNS / duration_ms;
    if (b != bucket && max_u >= 0) {
      add_point(out, max_t, max_u);
      if (last_t != max_t) {
        add_point(out, last_t, last_u);
      }
      max_u = -1;
    }
    bucket = b;
    if (u > max_u) {
      max_u = u;
      max_t = t;
    }
    last_t = t;
    last_u = u;
  }
  if (max_u >= 0) {
    add_point(out, max_t, max_u);
    if (last_t != max_t) {
      add_point(out, last_t, last_u);
    }
  }
  return out;
}

static void add_verdict(cJSON *o, const struct lwipsim_verdict_in *in, struct lwipsim_verdict_out *out)
{
  lwipsim_verdict_decide(in, out);
  cJSON_AddStringToObject(o, "verdict", lwipsim_verdict_name(out->verdict));
  if (out->missing[0] != '\0') {
    cJSON_AddStringToObject(o, "missing", out->missing); /* MARGINAL: what SAFE would need */
  } else {
    cJSON_AddNullToObject(o, "missing");
  }
}

/* The reloads a script-dependent bound assumes (its record's `reloads`), -1: fixed. */
static long bound_reloads(const cJSON *bound) { return bound ? lwipsim_jlong(bound, "reloads", -1) : -1; }

/* Over all scenarios: the most reloads any scenario's bound counted (each
 * bound covers its own script; none covers more reloads than this), -1 when
 * every bound is fixed by the options. */
static long profile_reloads(const cJSON *runs, const char *pool)
{
  long most = -1;
  const cJSON *run;
  cJSON_ArrayForEach(run, runs)
  {
    long r = bound_reloads(worst_case(run, pool));
    most = r > most ? r : most;
  }
  return most;
}

static cJSON *profile_pool(const cJSON *runs, const cJSON *pool, const cJSON *options, const cJSON *target,
                           enum lwipsim_verdict *worst)
{
  const char *name = lwipsim_jstr(pool, "name", "?");
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "name", name);
  const char *macro = lwipsim_pool_macro(name);
  if (macro) {
    cJSON_AddStringToObject(o, "macro", macro);
  } else {
    cJSON_AddNullToObject(o, "macro");
  }
  long size = size_of(pool);
  add_long_or_null(o, "size", size);
  cJSON_AddNumberToObject(o, "configured", (double)lwipsim_jlong(pool, "configured", 0));
  long elem = lwipsim_jlong(pool, "elem_bytes", 0);

  long demand = 0;
  const char *demand_scenario = NULL;
  const cJSON *run;
  cJSON_ArrayForEach(run, runs)
  {
    long d = demand_peak(run, name);
    if (demand_scenario == NULL || d > demand) {
      demand = d;
      demand_scenario = lwipsim_jstr(run, "scenario", "?");
    }
  }
  cJSON_AddNumberToObject(o, "demand", (double)demand);
  if (demand_scenario) {
    cJSON_AddStringToObject(o, "demand_scenario", demand_scenario);
  } else {
    cJSON_AddNullToObject(o, "demand_scenario");
  }
  const cJSON *bound = profile_bound(runs, name);
  cJSON_AddItemToObject(o, "bound", dup_or_null(bound));

  struct lwipsim_verdict_in in = { size, demand, bound ? lwipsim_jlong(bound, "value", -1) : -1,
                                   options_floor(options, name), bound ? profile_reloads(runs, name) : -1 };
  struct lwipsim_verdict_out out;
  add_verdict(o, &in, &out);
  if (out.verdict > *worst) {
    *worst = out.verdict;
  }
  cJSON_AddNumberToObject(o, "recommended", (double)out.recommended);
  char line[160];
  if (lwipsim_paste_line(name, out.recommended, options, line, sizeof line) == 0) {
    cJSON_AddStringToObject(o, "paste", line);
  } else {
    cJSON_AddNullToObject(o, "paste");
  }
  cJSON_AddNumberToObject(o, "ram_per_element_bytes", (double)elem);
  if (size >= 0) {
    cJSON_AddNumberToObject(o, "ram_change_bytes", (double)((out.recommended - size) * elem));
  } else {
    cJSON_AddNullToObject(o, "ram_change_bytes");
  }
  lwipsim_report_target_pool(o, target, size, out.recommended);
  cJSON_AddBoolToObject(o, "interesting", pool_interesting(runs, name));
  return o;
}

static cJSON *outcome_summary(const cJSON *rec)
{
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "outcome", lwipsim_jstr(rec, "outcome", "?"));
  cJSON_AddNumberToObject(o, "exit_code", (double)lwipsim_jlong(rec, "exit_code", -1));
  cJSON_AddNumberToObject(o, "end_time_ms", (double)lwipsim_jlong(rec, "end_time_ms", 0));
  cJSON_AddNumberToObject(o, "duration_ms", (double)lwipsim_jlong(rec, "duration_ms", 0));
  const cJSON *panic = cJSON_GetObjectItemCaseSensitive(rec, "panic");
  if (cJSON_IsObject(panic)) {
    cJSON *p = cJSON_AddObjectToObject(o, "panic");
    cJSON_AddStringToObject(p, "message", lwipsim_jstr(panic, "message", ""));
    cJSON_AddStringToObject(p, "file", lwipsim_jstr(panic, "file", ""));
    cJSON_AddNumberToObject(p, "line", (double)lwipsim_jlong(panic, "line", 0));
    cJSON_AddNumberToObject(p, "time_ms", (double)lwipsim_jlong(panic, "time_ms", 0));
    const char *arming = lwipsim_jstr(panic, "arming", NULL);
    if (arming) {
      cJSON_AddStringToObject(p, "arming", arming);
    } else {
      cJSON_AddNullToObject(p, "arming");
    }
  } else {
    cJSON_AddNullToObject(o, "panic");
  }
  const cJSON *crash = cJSON_GetObjectItemCaseSensitive(rec, "crash");
  if (cJSON_IsObject(crash)) {
    cJSON *c = cJSON_AddObjectToObject(o, "crash");
    cJSON_AddStringToObject(c, "signal_name", lwipsim_jstr(crash, "signal_name", "?"));
    cJSON_AddNumberToObject(c, "time_ms", (double)lwipsim_jlong(crash, "time_ms", 0));
  } else {
    cJSON_AddNullToObject(o, "crash");
  }
  /* The first pool to fail, as the sweep rows describe it. */
  cJSON *row = lwipsim_sweep_row(rec, "", 0);
  const cJSON *fp = cJSON_GetObjectItemCaseSensitive(row, "failed_pool");
  if (cJSON_IsString(fp)) {
    cJSON *ff = cJSON_AddObjectToObject(o, "first_failure");
    cJSON_AddStringToObject(ff, "pool", fp->valuestring);
    cJSON_AddNumberToObject(ff, "time_ms", (double)lwipsim_jlong(row, "first_failure_ms", 0));
    cJSON_AddItemToObject(ff, "site", cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(row, "site"), 1));
  } else {
    cJSON_AddNullToObject(o, "first_failure");
  }
  cJSON_Delete(row);
  /* what the failure cost, as the record says it (null in records from before it) */
  cJSON_AddItemToObject(o, "impact", dup_or_null(cJSON_GetObjectItemCaseSensitive(rec, "impact")));
  return o;
}

static cJSON *scenario_entry(const cJSON *run, const cJSON *ppools, const cJSON *options)
{
  const cJSON *faithful = cJSON_GetObjectItemCaseSensitive(run, "faithful");
  const cJSON *demand = cJSON_GetObjectItemCaseSensitive(run, "demand");
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "scenario", lwipsim_jstr(run, "scenario", "?"));
  cJSON_AddItemToObject(o, "faithful", outcome_summary(faithful));
  cJSON_AddItemToObject(o, "demand", outcome_summary(demand));
  cJSON *at = cJSON_AddObjectToObject(o, "sys_timeout_at_peak");
  cJSON_AddItemToObject(at, "demand",
                        dup_or_null(cJSON_GetObjectItemCaseSensitive(
                            cJSON_GetObjectItemCaseSensitive(demand, "sys_timeout"), "at_peak")));
  cJSON_AddItemToObject(at, "faithful",
                        dup_or_null(cJSON_GetObjectItemCaseSensitive(
                            cJSON_GetObjectItemCaseSensitive(faithful, "sys_timeout"), "at_peak")));

  long duration = lwipsim_jlong(faithful, "duration_ms", 0);
  cJSON *pools = cJSON_AddArrayToObject(o, "pools");
  const cJSON *pp;
  cJSON_ArrayForEach(pp, ppools)
  {
    if (!cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(pp, "interesting"))) {
      continue;
    }
    const char *name = lwipsim_jstr(pp, "name", "?");
    const cJSON *fp = lwipsim_record_pool(faithful, name);
    const cJSON *dp = lwipsim_record_pool(demand, name);
    cJSON *e = cJSON_CreateObject();
    cJSON_AddStringToObject(e, "name", name);
    long d = pool_demand(dp);
    cJSON_AddNumberToObject(e, "demand", (double)d);
    cJSON_AddNumberToObject(e, "peak", (double)lwipsim_jlong(fp, "peak", 0));
    cJSON_AddNumberToObject(e, "failed", (double)lwipsim_jlong(fp, "failed", 0));
    add_long_or_null(e, "first_failure_ms", lwipsim_jlong(fp, "first_failure_ms", -1));
    cJSON_AddItemToObject(e, "failure_sites",
                          fp ? cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(fp, "failure_sites"), 1)
                             : cJSON_CreateArray());
    const cJSON *w = worst_case(run, name);
    struct lwipsim_verdict_in in = { size_of(fp), d, w ? lwipsim_jlong(w, "value", -1) : -1,
                                     options_floor(options, name), bound_reloads(w) };
    struct lwipsim_verdict_out out;
    add_verdict(e, &in, &out);
    cJSON *plot = cJSON_AddObjectToObject(e, "plot");
    cJSON_AddItemToObject(plot, "faithful", plot_series(cJSON_GetObjectItemCaseSensitive(fp, "timeline"), duration));
    cJSON_AddItemToObject(plot, "demand", plot_series(cJSON_GetObjectItemCaseSensitive(dp, "timeline"), duration));
    cJSON_AddItemToArray(pools, e);
  }
  cJSON *chip = lwipsim_report_target_scenario(run); /* report --target only */
  if (chip != NULL) {
    cJSON_AddItemToObject(o, "rp2040", chip);
  }
  return o;
}

/* The fragmentation allowance on top of the heap's demand: a heap's worst
 * case is not known (placement depends on the order of every allocation and
 * free), so the recommendation is the measured need plus this share, rounded
 * up to HEAP_ROUND bytes. A stated margin, not a bound. */
#define HEAP_ALLOWANCE_PERCENT 25
#define HEAP_ROUND 256

static const cJSON *run_heap(const cJSON *run, const char *which)
{
  const cJSON *h = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(run, which), "heap");
  return cJSON_IsObject(h) ? h : NULL;
}

static void add_bytes_or_null(cJSON *o, const char *key, const cJSON *v)
{
  if (cJSON_IsNumber(v)) {
    cJSON_AddNumberToObject(o, key, v->valuedouble);
  } else {
    cJSON_AddNullToObject(o, key);
  }
}

/* lwIP's heap as one more row (the record's `heap`, stack/probe/heap_probe.c):
 * mem.c's MEM_SIZE heap or a custom allocator's budget. size, demand (the
 * largest demand-run peak: MEM_SIZE compiled large, a budget lifted), the
 * faithful runs' refusals and largest free blocks, and a verdict that claims
 * only what was shown: UNSAFE when an allocation failed or the demand is
 * above the size; MARGINAL otherwise, since no worst case is known for a
 * heap (never SAFE). All bytes are the 64-bit host's. */
static cJSON *profile_heap(const cJSON *runs, enum lwipsim_verdict *worst)
{
  const cJSON *first = NULL, *run, *peak_heap = NULL, *fail = NULL;
  long demand = -1, peak = -1, failed = 0, largest_at_failure = -1;
  const char *demand_where = NULL, *peak_where = NULL, *fail_where = NULL;
  cJSON_ArrayForEach(run, runs)
  {
    const cJSON *f = run_heap(run, "faithful"), *d = run_heap(run, "demand");
    if (f == NULL && d == NULL) {
      continue;
    }
    first = first ? first : (f ? f : d);
    if (d != NULL && lwipsim_jlong(d, "peak_bytes", 0) > demand) {
      demand = lwipsim_jlong(d, "peak_bytes", 0);
      demand_where = lwipsim_jstr(run, "scenario", "?");
    }
    if (f == NULL) {
      continue;
    }
    if (lwipsim_jlong(f, "peak_bytes", 0) > peak) {
      peak = lwipsim_jlong(f, "peak_bytes", 0);
      peak_heap = f;
      peak_where = lwipsim_jstr(run, "scenario", "?");
    }
    failed += lwipsim_jlong(f, "failed", 0);
    const cJSON *e;
    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(f, "failures"))
    {
      long lf = lwipsim_jlong(e, "largest_free_bytes", -1);
      if (lf >= 0 && (largest_at_failure < 0 || lf < largest_at_failure)) {
        largest_at_failure = lf;
      }
      if (fail == NULL) {
        fail = e;
        fail_where = lwipsim_jstr(run, "scenario", "?");
      }
    }
  }
  if (first == NULL) {
    return cJSON_CreateNull();
  }
  int memc = strcmp(lwipsim_jstr(first, "kind", ""), "mem.c") == 0;
  long size = lwipsim_jlong(first, "size_bytes", lwipsim_jlong(first, "budget_bytes", 0));
  if (demand < 0) {
    demand = peak; /* no demand run: the faithful peak is all that was seen */
    demand_where = peak_where;
  }
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "name", "HEAP");
  cJSON_AddStringToObject(o, "kind", memc ? "mem.c" : "budget");
  if (memc) {
    cJSON_AddStringToObject(o, "macro", "MEM_SIZE");
    cJSON_AddNullToObject(o, "budget_bytes");
  } else {
    cJSON_AddNullToObject(o, "macro");
    cJSON_AddNumberToObject(o, "budget_bytes", (double)size);
  }
  cJSON_AddStringToObject(o, "bytes", "64-bit host");
  cJSON_AddNumberToObject(o, "size_bytes", (double)size);
  cJSON_AddNumberToObject(o, "demand_bytes", (double)demand);
  cJSON_AddStringToObject(o, "demand_scenario", demand_where ? demand_where : "?");
  cJSON_AddNumberToObject(o, "peak_bytes", (double)peak);
  cJSON_AddStringToObject(o, "peak_scenario", peak_where ? peak_where : "?");
  add_bytes_or_null(o, "largest_free_at_peak_bytes",
                    peak_heap ? cJSON_GetObjectItemCaseSensitive(peak_heap, "largest_free_at_peak_bytes") : NULL);
  cJSON_AddNumberToObject(o, "failed", (double)failed);
  if (fail != NULL) {
    cJSON *ff = cJSON_AddObjectToObject(o, "first_failure");
    cJSON_AddStringToObject(ff, "scenario", fail_where);
    cJSON_AddNumberToObject(ff, "time_ms", (double)lwipsim_jlong(fail, "time_ms", 0));
    cJSON_AddNumberToObject(ff, "bytes", (double)lwipsim_jlong(fail, "bytes", 0));
    cJSON_AddStringToObject(ff, "site", lwipsim_jstr(fail, "site", "?"));
    add_bytes_or_null(ff, "largest_free_bytes", cJSON_GetObjectItemCaseSensitive(fail, "largest_free_bytes"));
  } else {
    cJSON_AddNullToObject(o, "first_failure");
  }
  add_long_or_null(o, "largest_free_at_failure_bytes", largest_at_failure);
  cJSON_AddNullToObject(o, "bound"); /* no worst case is known for a heap */
  enum lwipsim_verdict v = (failed > 0 || demand > size) ? LWIPSIM_VERDICT_UNSAFE : LWIPSIM_VERDICT_MARGINAL;
  cJSON_AddStringToObject(o, "verdict", lwipsim_verdict_name(v));
  if (v == LWIPSIM_VERDICT_MARGINAL) {
    cJSON_AddStringToObject(o, "missing", "no bound known");
  } else {
    cJSON_AddNullToObject(o, "missing");
  }
  long rec = demand + (demand * HEAP_ALLOWANCE_PERCENT + 99) / 100;
  rec = (rec + HEAP_ROUND - 1) / HEAP_ROUND * HEAP_ROUND;
  cJSON_AddNumberToObject(o, "allowance_percent", HEAP_ALLOWANCE_PERCENT);
  cJSON_AddNumberToObject(o, "recommended_bytes", (double)rec);
  if (memc) {
    char line[64];
    snprintf(line, sizeof line, "#define MEM_SIZE %ld", rec);
    cJSON_AddStringToObject(o, "paste", line);
  } else {
    cJSON_AddNullToObject(o, "paste"); /* the budget is the firmware's heap, not an lwIP option */
  }
  if (v > *worst) {
    *worst = v;
  }
  return o;
}

static cJSON *profile_sweeps(const cJSON *sweeps)
{
  cJSON *out = cJSON_CreateArray();
  const cJSON *s;
  cJSON_ArrayForEach(s, sweeps)
  {
    cJSON *o = cJSON_Duplicate(s, 1);
    const cJSON *scen = cJSON_GetObjectItemCaseSensitive(s, "scenarios");
    add_long_or_null(o, "smallest_ok", lwipsim_sweep_smallest_ok(scen));
    cJSON_AddItemToArray(out, o);
  }
  return out;
}

static cJSON *profile_entry(const cJSON *in)
{
  const cJSON *runs = cJSON_GetObjectItemCaseSensitive(in, "runs");
  const cJSON *first = config_record(cJSON_GetArrayItem(runs, 0));
  const cJSON *options = cJSON_GetObjectItemCaseSensitive(first, "options");
  if (!cJSON_IsObject(options)) {
    options = NULL;
  }
  const cJSON *target = cJSON_GetObjectItemCaseSensitive(in, "target");
  cJSON *o = cJSON_CreateObject();
  static const char *const keys[] = { "name", "lwip_version", "assert_policy", "description" };
  for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
    cJSON_AddStringToObject(o, keys[i], lwipsim_jstr(in, keys[i], ""));
  }
  enum lwipsim_verdict worst = LWIPSIM_VERDICT_NO_LIMIT;
  int on_heap = 1;
  const cJSON *p;
  cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(first, "pools")) { on_heap &= size_of(p) < 0; }
  if (options && cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(options, "MEMP_MEM_MALLOC"))) {
    on_heap = lwipsim_jlong(options, "MEMP_MEM_MALLOC", 0) != 0;
  }
  cJSON_AddBoolToObject(o, "pools_on_heap", on_heap);
  cJSON_AddItemToObject(o, "options", dup_or_null(options));
  cJSON *verdict = cJSON_AddStringToObject(o, "verdict", "");
  cJSON_AddItemToObject(o, "heap", profile_heap(runs, &worst));
  cJSON *pools = cJSON_AddArrayToObject(o, "pools");
  cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(first, "pools"))
  {
    cJSON_AddItemToArray(pools, profile_pool(runs, p, options, target, &worst));
  }
  cJSON *ts = lwipsim_report_target_summary(target, pools);
  cJSON_AddItemToObject(o, "target", ts ? ts : cJSON_CreateNull());
  cJSON_SetValuestring(verdict, lwipsim_verdict_name(worst));
  cJSON *scen = cJSON_AddArrayToObject(o, "scenarios");
  const cJSON *run;
  cJSON_ArrayForEach(run, runs) { cJSON_AddItemToArray(scen, scenario_entry(run, pools, options)); }
  cJSON_AddItemToObject(o, "sweeps", profile_sweeps(cJSON_GetObjectItemCaseSensitive(in, "sweeps")));
  return o;
}

static void count_verdict(cJSON *summary, const char *v)
{
  static const char *const keys[] = { "no_limit", "safe", "marginal", "unsafe" };
  int i = lwipsim_verdict_parse(v);
  if (i >= 0) {
    cJSON *c = cJSON_GetObjectItemCaseSensitive(summary, keys[i]);
    cJSON_SetNumberValue(c, c->valuedouble + 1);
  }
}

cJSON *lwipsim_report_build(const cJSON *input)
{
  cJSON *r = cJSON_CreateObject();
  cJSON_AddNumberToObject(r, "lwipsim_report", 1);
  cJSON *summary = cJSON_AddObjectToObject(r, "summary");
  cJSON_AddNumberToObject(summary, "profiles", cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(input, "profiles")));
  cJSON_AddNumberToObject(summary, "scenarios",
                          cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(input, "scenarios")));
  cJSON_AddNumberToObject(summary, "unsafe", 0);
  cJSON_AddNumberToObject(summary, "marginal", 0);
  cJSON_AddNumberToObject(summary, "safe", 0);
  cJSON_AddNumberToObject(summary, "no_limit", 0);
  cJSON_AddItemToObject(r, "scenarios", cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(input, "scenarios"), 1));
  cJSON *profiles = cJSON_AddArrayToObject(r, "profiles");
  cJSON *not_run = cJSON_AddArrayToObject(r, "not_run");
  const cJSON *in;
  cJSON_ArrayForEach(in, cJSON_GetObjectItemCaseSensitive(input, "profiles"))
  {
    const cJSON *nr;
    cJSON_ArrayForEach(nr, cJSON_GetObjectItemCaseSensitive(in, "not_run"))
    {
      cJSON *e = cJSON_CreateObject();
      cJSON_AddStringToObject(e, "profile", lwipsim_jstr(in, "name", ""));
      cJSON_AddStringToObject(e, "scenario", lwipsim_jstr(nr, "scenario", ""));
      cJSON_AddStringToObject(e, "reason", lwipsim_jstr(nr, "reason", ""));
      cJSON_AddItemToArray(not_run, e);
    }
    if (cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(in, "runs")) == 0) {
      continue; /* nothing ran on it: its not_run entries say why */
    }
    cJSON *p = profile_entry(in);
    const cJSON *pool;
    cJSON_ArrayForEach(pool, cJSON_GetObjectItemCaseSensitive(p, "pools"))
    {
      if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(pool, "interesting"))) {
        count_verdict(summary, lwipsim_jstr(pool, "verdict", ""));
      }
    }
    const cJSON *heap = cJSON_GetObjectItemCaseSensitive(p, "heap");
    if (cJSON_IsObject(heap)) {
      count_verdict(summary, lwipsim_jstr(heap, "verdict", ""));
    }
    cJSON_AddItemToArray(profiles, p);
  }
  return r;
}

int lwipsim_report_sweep_range(const cJSON *runs, const char *pool, long *lo, long *hi)
{
  const cJSON *first = config_record(cJSON_GetArrayItem(runs, 0));
  long size = size_of(lwipsim_record_pool(first, pool));
  if (size < 0) {
    return -1;
  }
  long low = size, high = size;
  const cJSON *run;
  cJSON_ArrayForEach(run, runs)
  {
    long d = demand_peak(run, pool);
    low = d < low ? d : low;
    high = d > high ? d : high;
  }
  const cJSON *bound = profile_bound(runs, pool);
  if (bound) {
    long b = lwipsim_jlong(bound, "value", 0);
    low = b < low ? b : low;
    high = b > high ? b : high;
  }
  *lo = low > 4 ? low - 3 : 1;
  *hi = high + 3;
  return 0;
}

int lwipsim_report_gate_count(const cJSON *report, int marginal)
{
  const cJSON *summary = cJSON_GetObjectItemCaseSensitive(report, "summary");
  long n = lwipsim_jlong(summary, "unsafe", 0);
  if (marginal) {
    n += lwipsim_jlong(summary, "marginal", 0);
  }
  return (int)n;
}
