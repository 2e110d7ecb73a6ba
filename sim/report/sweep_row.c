#include "report/sweep_row.h"

#include <stdio.h>
#include <string.h>

#include "common/json_get.h"

cJSON *lwipsim_sweep_row(const cJSON *record, const char *pool, long value)
{
  cJSON *row = cJSON_CreateObject();
  cJSON_AddNumberToObject(row, "value", (double)value);
  cJSON_AddStringToObject(row, "outcome", lwipsim_jstr(record, "outcome", "?"));
  cJSON_AddNumberToObject(row, "exit_code", (double)lwipsim_jlong(record, "exit_code", -1));
  cJSON_AddNumberToObject(row, "end_time_ms", (double)lwipsim_jlong(record, "end_time_ms", 0));
  cJSON_AddNumberToObject(row, "duration_ms", (double)lwipsim_jlong(record, "duration_ms", 0));
  /* HEAP: lwIP's heap (the record's `heap`, in bytes) is swept like a pool */
  const cJSON *heap = cJSON_GetObjectItemCaseSensitive(record, "heap");
  int sweeps_heap = strcmp(pool, "HEAP") == 0;
  const cJSON *swept = sweeps_heap ? heap : lwipsim_record_pool(record, pool);
  cJSON_AddNumberToObject(row, "peak", (double)lwipsim_jlong(swept, sweeps_heap ? "peak_bytes" : "peak", 0));
  cJSON_AddNumberToObject(row, "failed", (double)lwipsim_jlong(swept, "failed", 0));

  /* The swept pool's failure when it failed (a sweep asks about it: another
   * pool that failed earlier, such as a small heap refusing a write, would
   * hide it); otherwise the earliest, the pools in lwIP's order first, then
   * the heap. */
  const cJSON *first = NULL;
  long first_ms = -1;
  if (lwipsim_jlong(swept, "failed", 0) > 0) {
    first = swept;
    first_ms = lwipsim_jlong(swept, "first_failure_ms", -1);
  }
  const cJSON *p;
  cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(record, "pools"))
  {
    long ms = lwipsim_jlong(p, "first_failure_ms", -1);
    if (ms >= 0 && (first == NULL || (first != swept && ms < first_ms))) {
      first = p;
      first_ms = ms;
    }
  }
  long heap_ms = cJSON_IsObject(heap) ? lwipsim_jlong(heap, "first_failure_ms", -1) : -1;
  if (heap_ms >= 0 && (first == NULL || (first != swept && heap_ms < first_ms))) {
    first = heap;
    first_ms = heap_ms;
  }
  const char *site = NULL;
  if (first != NULL) {
    const cJSON *sites = cJSON_GetObjectItemCaseSensitive(first, "failure_sites");
    site = lwipsim_jstr(cJSON_GetArrayItem(sites, 0), "site", NULL);
    cJSON_AddNumberToObject(row, "first_failure_ms", (double)first_ms);
    cJSON_AddStringToObject(row, "failed_pool", first == heap ? "HEAP" : lwipsim_jstr(first, "name", "?"));
  } else {
    cJSON_AddNullToObject(row, "first_failure_ms");
    cJSON_AddNullToObject(row, "failed_pool");
  }
  if (site == NULL) {
    site = lwipsim_jstr(cJSON_GetObjectItemCaseSensitive(record, "panic"), "arming", NULL);
  }
  /* SYS_TIMEOUT below lwIP's own cyclic timers: lwip_init's sys_timeouts_init
   * runs dry before any handler is being armed by name, at 0 ms. Named from
   * the bound's cyclic term (sim/analysis/bounds_sys_timeout.c). */
  char init_site[96];
  long cyclic = -1;
  const cJSON *t;
  cJSON_ArrayForEach(
      t, cJSON_GetObjectItemCaseSensitive(
             cJSON_GetObjectItemCaseSensitive(lwipsim_record_pool(record, "SYS_TIMEOUT"), "worst_case"), "terms"))
  {
    if (strncmp(lwipsim_jstr(t, "what", ""), "cyclic timers armed by lwip_init", 32) == 0) {
      cyclic = lwipsim_jlong(t, "count", -1);
    }
  }
  if (first_ms == 0 && first != NULL && first != heap && strcmp(lwipsim_jstr(first, "name", ""), "SYS_TIMEOUT") == 0 &&
      cyclic > 0 && lwipsim_jlong(lwipsim_record_pool(record, "SYS_TIMEOUT"), "peak", 0) < cyclic &&
      (site == NULL || strcmp(site, "?") == 0)) {
    snprintf(init_site, sizeof init_site, "lwip_init: %ld cyclic timers need %ld slots", cyclic, cyclic);
    site = init_site;
  }
  if (site != NULL) {
    cJSON_AddStringToObject(row, "site", site);
  } else {
    cJSON_AddNullToObject(row, "site");
  }
  return row;
}

void lwipsim_sweep_print(FILE *out, const cJSON *rows)
{
  fprintf(out, "%6s  %-13s %14s %7s %6s  %s\n", "value", "outcome", "first failure", "failed", "peak", "failed at");
  const cJSON *r;
  cJSON_ArrayForEach(r, rows)
  {
    char when[32] = "-";
    long ms = lwipsim_jlong(r, "first_failure_ms", -1);
    if (ms >= 0) {
      snprintf(when, sizeof when, "%ld.%03ld s", ms / 1000, ms % 1000);
    }
    char at[256] = "";
    const char *site = lwipsim_jstr(r, "site", NULL);
    const char *fpool = lwipsim_jstr(r, "failed_pool", NULL);
    if (fpool != NULL || site != NULL) {
      snprintf(at, sizeof at, "%s%s%s", fpool ? fpool : "", fpool && site ? ": " : "", site ? site : "");
    }
    fprintf(out, "%6ld  %-13s %14s %7ld %6ld  %s\n", lwipsim_jlong(r, "value", 0), lwipsim_jstr(r, "outcome", "?"),
            when, lwipsim_jlong(r, "failed", 0), lwipsim_jlong(r, "peak", 0), at);
  }
}

long lwipsim_sweep_smallest_ok(const cJSON *scenarios)
{
  long lo = -1, hi = -1;
  const cJSON *s, *r;
  cJSON_ArrayForEach(s, scenarios)
  {
    cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(s, "rows"))
    {
      long v = lwipsim_jlong(r, "value", 0);
      hi = v > hi ? v : hi;
    }
  }
  if (hi < 0) {
    return -1;
  }
  /* Walk down from the top while every scenario is ok at v (a swept value
   * is one some row has: a HEAP sweep steps by more than 1). */
  for (long v = hi; v >= 0; v--) {
    int swept = 0;
    cJSON_ArrayForEach(s, scenarios)
    {
      cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(s, "rows"))
      {
        swept |= lwipsim_jlong(r, "value", -1) == v;
      }
    }
    if (!swept) {
      continue;
    }
    int seen = 0, all_ok = 1;
    cJSON_ArrayForEach(s, scenarios)
    {
      cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(s, "rows"))
      {
        if (lwipsim_jlong(r, "value", -1) == v) {
          seen = 1;
          all_ok &= strcmp(lwipsim_jstr(r, "outcome", ""), "ok") == 0;
        }
      }
    }
    if (!seen || !all_ok) {
      break;
    }
    lo = v;
  }
  return lo;
}
