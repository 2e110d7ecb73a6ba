#include <stdio.h>
#include <string.h>

#include "common/json_get.h"
#include "report/render.h"
#include "run_record/record.h"

void lwipsim_fmt_ms(char *buf, size_t cap, long ms) { snprintf(buf, cap, "%ld.%03ld s", ms / 1000, ms % 1000); }

void lwipsim_outcome_text(const cJSON *s, char *buf, size_t cap)
{
  const char *outcome = lwipsim_jstr(s, "outcome", "?");
  char at[32];
  const cJSON *panic = cJSON_GetObjectItemCaseSensitive(s, "panic");
  const cJSON *crash = cJSON_GetObjectItemCaseSensitive(s, "crash");
  if (cJSON_IsObject(panic)) {
    lwipsim_fmt_ms(at, sizeof at, lwipsim_jlong(panic, "time_ms", 0));
    snprintf(buf, cap, "%s at %s: %s (%s:%ld)", outcome, at, lwipsim_jstr(panic, "message", ""),
             lwipsim_jstr(panic, "file", ""), lwipsim_jlong(panic, "line", 0));
  } else if (cJSON_IsObject(crash)) {
    lwipsim_fmt_ms(at, sizeof at, lwipsim_jlong(crash, "time_ms", 0));
    snprintf(buf, cap, "%s at %s: %s", outcome, at, lwipsim_jstr(crash, "signal_name", "?"));
  } else {
    lwipsim_fmt_ms(at, sizeof at, lwipsim_jlong(s, "end_time_ms", 0));
    snprintf(buf, cap, "%s (ran to %s)", outcome, at);
  }
}

void lwipsim_first_failure_text(const cJSON *s, char *buf, size_t cap)
{
  const cJSON *ff = cJSON_GetObjectItemCaseSensitive(s, "first_failure");
  if (!cJSON_IsObject(ff)) {
    snprintf(buf, cap, "none");
    return;
  }
  char at[32];
  lwipsim_fmt_ms(at, sizeof at, lwipsim_jlong(ff, "time_ms", 0));
  const char *site = lwipsim_jstr(ff, "site", NULL);
  snprintf(buf, cap, "%s at %s%s%s", lwipsim_jstr(ff, "pool", "?"), at, site ? ", in " : "", site ? site : "");
}

void lwipsim_impact_cell_text(const cJSON *s, char *buf, size_t cap)
{
  const cJSON *impact = cJSON_GetObjectItemCaseSensitive(s, "impact");
  const char *cause = lwipsim_jstr(impact, "cause", "");
  char what[768], start[96];
  lwipsim_impact_text(impact, what, sizeof what);
  if (!cJSON_IsObject(impact) || strcmp(cause, "pool-failure") == 0 || strcmp(cause, "panic") == 0) {
    snprintf(buf, cap, "%s", what); /* the outcome and first failure columns say when */
    return;
  }
  lwipsim_impact_cause_text(impact, start, sizeof start);
  snprintf(buf, cap, "%s: %s", start, what);
}

const char *lwipsim_verdict_label(const char *verdict)
{
  return strcmp(verdict, "NO_LIMIT") == 0 ? "no count limit" : verdict;
}

void lwipsim_bound_text(const cJSON *bound, char *buf, size_t cap)
{
  if (!cJSON_IsObject(bound)) {
    snprintf(buf, cap, "not known");
    return;
  }
  snprintf(buf, cap, "%ld", lwipsim_jlong(bound, "value", 0));
}

int lwipsim_search_text(const cJSON *pool, char *buf, size_t cap)
{
  const cJSON *s = cJSON_GetObjectItemCaseSensitive(pool, "search");
  if (!cJSON_IsObject(s)) {
    buf[0] = '\0';
    return 0;
  }
  long found = lwipsim_jlong(s, "found", 0), rec = lwipsim_jlong(s, "recorded", 0);
  long runs = lwipsim_jlong(s, "runs", 0), bound = lwipsim_jlong(s, "bound", -1);
  long size = lwipsim_jlong(pool, "configured", -1);
  if (size >= 0 && found > size) {
    /* the search's scenario fails on this header: say so before anything */
    snprintf(buf, cap, "search found %ld (%ld runs), MORE than the size %ld: a variant of the traffic fails (%s)",
             found, runs, size, lwipsim_jstr(s, "folder", "?"));
  } else if (bound > rec) {
    snprintf(buf, cap, "search found up to %ld (%ld runs); bound %ld: %ld%% of the band above the recorded %ld", found,
             runs, bound, (found - rec) * 100 / (bound - rec), rec);
  } else if (bound >= 0) {
    snprintf(buf, cap, "search found up to %ld (%ld runs); bound %ld", found, runs, bound);
  } else {
    snprintf(buf, cap, "search found up to %ld (%ld runs); no bound known", found, runs);
  }
  return 1;
}

/* "SYS_TIMEOUT <= 23 = 6 cyclic timers ... + 1 tcp_tmr ...": what the worst
 * case adds up from, for the notes under a verdict table. */
int lwipsim_bound_terms_text(const cJSON *pool, struct lwipsim_sb *out)
{
  const cJSON *bound = cJSON_GetObjectItemCaseSensitive(pool, "bound");
  if (!cJSON_IsObject(bound) || !cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(pool, "interesting"))) {
    return 0;
  }
  lwipsim_sb_printf(out, "%s <= %ld", lwipsim_jstr(pool, "name", "?"), lwipsim_jlong(bound, "value", 0));
  const cJSON *t;
  int first = 1;
  cJSON_ArrayForEach(t, cJSON_GetObjectItemCaseSensitive(bound, "terms"))
  {
    lwipsim_sb_printf(out, "%s%ld %s", first ? " = " : " + ", lwipsim_jlong(t, "count", 0),
                      lwipsim_jstr(t, "what", "?"));
    first = 0;
  }
  if (first) { /* no terms: the basis says why */
    lwipsim_sb_printf(out, ": %s", lwipsim_jstr(bound, "basis", ""));
  }
  return 1;
}

void lwipsim_timers_text(const cJSON *names, struct lwipsim_sb *out)
{
  int n = cJSON_GetArraySize(names), first = 1;
  for (int i = 0; i < n; i++) {
    const char *name = cJSON_GetArrayItem(names, i)->valuestring;
    int seen = 0, count = 0;
    for (int j = 0; j < n; j++) {
      const char *other = cJSON_GetArrayItem(names, j)->valuestring;
      if (strcmp(other, name) == 0) {
        seen |= j < i;
        count++;
      }
    }
    if (seen) {
      continue;
    }
    lwipsim_sb_printf(out, "%s%s", first ? "" : ", ", name);
    if (count > 1) {
      lwipsim_sb_printf(out, " \u00d7%d", count);
    }
    first = 0;
  }
}

const cJSON *lwipsim_sys_timeout_peak(const cJSON *profile, const char **scenario)
{
  const cJSON *best = NULL, *s;
  cJSON_ArrayForEach(s, cJSON_GetObjectItemCaseSensitive(profile, "scenarios"))
  {
    const cJSON *at =
        cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(s, "sys_timeout_at_peak"), "demand");
    if (cJSON_IsObject(at) && (best == NULL || lwipsim_jlong(at, "count", 0) > lwipsim_jlong(best, "count", 0))) {
      best = at;
      *scenario = lwipsim_jstr(s, "scenario", "?");
    }
  }
  return best;
}

const cJSON *lwipsim_profile_pool(const cJSON *profile, const char *name)
{
  return lwipsim_record_pool(profile, name); /* same "pools" array of named objects */
}

void lwipsim_size_text(const cJSON *pool, char *buf, size_t cap)
{
  long size = lwipsim_jlong(pool, "size", -1);
  if (size >= 0) {
    snprintf(buf, cap, "%ld", size);
  } else {
    snprintf(buf, cap, "heap (%ld configured)", lwipsim_jlong(pool, "configured", 0));
  }
}

void lwipsim_sweep_cell_text(const cJSON *row, char *buf, size_t cap)
{
  const char *outcome = lwipsim_jstr(row, "outcome", "?");
  long ms = lwipsim_jlong(row, "first_failure_ms", -1);
  if (strcmp(outcome, "ok") == 0 && ms < 0) {
    snprintf(buf, cap, "ok");
    return;
  }
  char at[32] = "";
  if (ms >= 0) {
    lwipsim_fmt_ms(at, sizeof at, ms);
  }
  const char *site = lwipsim_jstr(row, "site", NULL);
  /* a pool other than SYS_TIMEOUT is named: in a sweep it is usually not the swept one */
  const char *pool = lwipsim_jstr(row, "failed_pool", NULL);
  int named = pool != NULL && strcmp(pool, "SYS_TIMEOUT") != 0;
  snprintf(buf, cap, "%s%s%s%s%s%s%s%s", outcome, ms >= 0 ? " at " : "", at, site ? " (" : "", named ? pool : "",
           named ? ": " : "", site ? site : "", site ? ")" : "");
}

static int target_figures(const cJSON *pool)
{
  return strcmp(lwipsim_jstr(pool, "ram_figures", "host"), "target") == 0;
}

void lwipsim_recommended_text(const cJSON *pool, char *buf, size_t cap)
{
  long size = lwipsim_jlong(pool, "size", -1), rec = lwipsim_jlong(pool, "recommended", 0);
  if (size < 0) {
    snprintf(buf, cap, "- (fixed pools: %ld)", rec);
  } else if (rec > size && target_figures(pool)) {
    /* the RP2040 image's figures: the change and the pool's array at that size */
    snprintf(buf, cap, "%ld (%+ld B, pool %ld B)", rec, lwipsim_jlong(pool, "target_change_bytes", 0),
             lwipsim_jlong(pool, "target_pool_bytes", 0));
  } else if (rec > size) {
    snprintf(buf, cap, "%ld (%+ld B host)", rec, lwipsim_jlong(pool, "ram_change_bytes", 0));
  } else {
    snprintf(buf, cap, "keep %ld (%ld is enough)", size, rec);
  }
}

void lwipsim_element_text(const cJSON *pool, char *buf, size_t cap)
{
  if (target_figures(pool)) {
    snprintf(buf, cap, "%ld B", lwipsim_jlong(pool, "target_element_bytes", 0));
  } else {
    snprintf(buf, cap, "%ld B host", lwipsim_jlong(pool, "ram_per_element_bytes", 0));
  }
}

void lwipsim_target_ram_text(const cJSON *profile, char *buf, size_t cap)
{
  const cJSON *t = cJSON_GetObjectItemCaseSensitive(profile, "target");
  if (!cJSON_IsObject(t)) {
    snprintf(buf, cap, "No RP2040 firmware image for this profile: RAM figures are host (x86_64) figures.");
    return;
  }
  long sram = lwipsim_jlong(t, "sram_bytes", 0), image = lwipsim_jlong(t, "image_bytes", 0),
       rec = lwipsim_jlong(t, "image_bytes_recommended", 0);
  snprintf(buf, cap,
           "RP2040 image %s: %ld of %ld bytes of SRAM (lwIP %ld); with the recommended pool sizes %ld bytes, "
           "%s. RAM/element and the recommendations' bytes are the image's.",
           lwipsim_jstr(t, "image", "?"), image, sram, lwipsim_jlong(t, "lwip_bytes", 0), rec,
           rec <= sram ? "fits" : "DOES NOT FIT");
}

const char *lwipsim_paste_text(const cJSON *pool)
{
  long size = lwipsim_jlong(pool, "size", -1), rec = lwipsim_jlong(pool, "recommended", 0);
  return size >= 0 && rec > size ? lwipsim_jstr(pool, "paste", NULL) : NULL;
}

/* ": http-concurrent fails on TCP_PCB": why a sweep's top value is still not
 * enough, when what fails there is another pool than the one swept. */
void lwipsim_sweep_blockers(const cJSON *sweep, const char *pool, struct lwipsim_sb *out)
{
  const cJSON *s;
  int first = 1;
  cJSON_ArrayForEach(s, cJSON_GetObjectItemCaseSensitive(sweep, "scenarios"))
  {
    const cJSON *rows = cJSON_GetObjectItemCaseSensitive(s, "rows");
    const cJSON *last = cJSON_GetArrayItem(rows, cJSON_GetArraySize(rows) - 1);
    const char *failed = lwipsim_jstr(last, "failed_pool", NULL);
    if (failed == NULL || strcmp(lwipsim_jstr(last, "outcome", "ok"), "ok") == 0) {
      continue;
    }
    lwipsim_sb_printf(out, "%s%s fails on %s%s", first ? ": " : "; ", lwipsim_jstr(s, "scenario", "?"), failed,
                      strcmp(failed, pool) != 0 ? " (another pool: see its verdict)" : "");
    first = 0;
  }
}

const char lwipsim_not_run_intro[] =
    "A scenario whose device script needs an lwIP feature the profile's lwipopts.h turns off is not run on that "
    "profile (no verdict comes from it):";
