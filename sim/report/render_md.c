/* report.md: the verdict tables, for a pull-request comment. */
#include <stdio.h>
#include <string.h>

#include "common/json_get.h"
#include "report/render.h"
#include "report/target_runs.h"

/* What a long run with periodic reloads showed of the timers a reload
 * leaves armed: measured, and asserted by tests/replay/test_replay.c
 * (test_replay_reloads_without_end) on tests/scenarios/mdns-http-reload-59. */
#define LWIPSIM_RELOAD_NOTE                                                                                            \
  "Leaked timers expire: over 59 reloads in 600 s (tests/scenarios/mdns-http-reload-59) the measured peak stays "      \
  "at 17 (9.0.5's options) while this bound grows to 194, so the bound, not the need, grows with each reload; a size " \
  "that covers "                                                                                                       \
  "the bound holds only for as many reloads as it counts"

static void pool_row(struct lwipsim_sb *o, const cJSON *p)
{
  const char *verdict = lwipsim_jstr(p, "verdict", "?");
  char bound[256];
  lwipsim_bound_text(cJSON_GetObjectItemCaseSensitive(p, "bound"), bound, sizeof bound);
  char sz[64];
  lwipsim_size_text(p, sz, sizeof sz);
  lwipsim_sb_printf(o, "| %s | %s", lwipsim_jstr(p, "name", "?"), sz);
  char rec[96];
  lwipsim_recommended_text(p, rec, sizeof rec);
  char elem[48];
  lwipsim_element_text(p, elem, sizeof elem);
  const char *missing = lwipsim_jstr(p, "missing", NULL);
  char search[256];
  int searched = lwipsim_search_text(p, search, sizeof search);
  lwipsim_sb_printf(o, " | %ld (%s) | %s | %s%s%s%s%s%s%s%s | %s | %s | ", lwipsim_jlong(p, "demand", 0),
                    lwipsim_jstr(p, "demand_scenario", "-"), bound, strcmp(verdict, "NO_LIMIT") ? "**" : "",
                    lwipsim_verdict_label(verdict), strcmp(verdict, "NO_LIMIT") ? "**" : "", missing ? " (" : "",
                    missing ? missing : "", missing ? ")" : "", searched ? "<br>" : "", search, rec, elem);
  const char *paste = lwipsim_paste_text(p);
  lwipsim_sb_printf(o, paste ? "`%s`" : "%s", paste ? paste : "-");
  lwipsim_sb_printf(o, " |\n");
}

static void profile_md(struct lwipsim_sb *o, const cJSON *pr)
{
  const char *name = lwipsim_jstr(pr, "name", "?");
  lwipsim_sb_printf(o, "## %s: %s\n\n%s. lwIP %s, assert policy %s.\n\n", name,
                    lwipsim_verdict_label(lwipsim_jstr(pr, "verdict", "?")), lwipsim_jstr(pr, "description", ""),
                    lwipsim_jstr(pr, "lwip_version", "?"), lwipsim_jstr(pr, "assert_policy", "?"));
  if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(pr, "pools_on_heap"))) {
    lwipsim_sb_printf(o, "Pools are on the heap (`MEMP_MEM_MALLOC=1`): no pool has a count limit; the "
                         "recommended values apply if the profile goes back to fixed pools.\n\n");
  }
  const cJSON *heap = cJSON_GetObjectItemCaseSensitive(pr, "heap");
  char target[512];
  lwipsim_target_ram_text(pr, target, sizeof target);
  lwipsim_sb_printf(o, "%s\n\n", target);
  lwipsim_sb_printf(o, "| pool | size | demand (scenario) | worst case | verdict | recommended | RAM/element | "
                       "lwipopts.h |\n|---|--:|--:|---|---|--:|--:|---|\n");
  const cJSON *p;
  cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(pr, "pools"))
  {
    if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(p, "interesting"))) {
      pool_row(o, p);
    }
  }
  if (cJSON_IsObject(heap)) {
    lwipsim_heap_md_row(heap, o);
    lwipsim_sb_printf(o, "\n");
    lwipsim_heap_sentence(heap, o);
    lwipsim_sb_printf(o, "\n");
  }
  int notes = 0;
  cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(pr, "pools"))
  {
    struct lwipsim_sb line = { 0 };
    if (lwipsim_bound_terms_text(p, &line)) {
      lwipsim_sb_printf(o, "%s- %s\n", notes++ ? "" : "\nWorst cases lwIP's code allows:\n\n", line.s);
    }
    /* a bound that grows with the script: per reload */
    const char *formula = lwipsim_jstr(cJSON_GetObjectItemCaseSensitive(p, "bound"), "formula", NULL);
    if (formula != NULL) {
      lwipsim_sb_printf(o, "- %s depends on the script: %s. %s\n", lwipsim_jstr(p, "name", "?"), formula,
                        LWIPSIM_RELOAD_NOTE);
    }
    lwipsim_sb_free(&line);
  }
  lwipsim_sb_printf(o,
                    "\n| scenario | outcome with this profile | first failure | what it cost |\n|---|---|---|---|\n");
  const cJSON *s;
  cJSON_ArrayForEach(s, cJSON_GetObjectItemCaseSensitive(pr, "scenarios"))
  {
    char outcome[512], ff[256], cost[1024];
    const cJSON *f = cJSON_GetObjectItemCaseSensitive(s, "faithful");
    lwipsim_outcome_text(f, outcome, sizeof outcome);
    lwipsim_first_failure_text(f, ff, sizeof ff);
    lwipsim_impact_cell_text(f, cost, sizeof cost);
    lwipsim_sb_printf(o, "| %s | %s | %s | %s |\n", lwipsim_jstr(s, "scenario", "?"), outcome, ff, cost);
  }
  lwipsim_render_target_md(pr, o); /* report --target only */
  const char *peak_scenario = NULL;
  const cJSON *at = lwipsim_sys_timeout_peak(pr, &peak_scenario);
  if (at) {
    char when[32];
    lwipsim_fmt_ms(when, sizeof when, lwipsim_jlong(at, "time_ms", 0));
    lwipsim_sb_printf(o, "\nArmed timers at the SYS_TIMEOUT peak (%ld at %s in %s, demand run): ",
                      lwipsim_jlong(at, "count", 0), when, peak_scenario);
    lwipsim_timers_text(cJSON_GetObjectItemCaseSensitive(at, "armed_timers"), o);
    lwipsim_sb_printf(o, ".\n");
  }
  const cJSON *sw;
  cJSON_ArrayForEach(sw, cJSON_GetObjectItemCaseSensitive(pr, "sweeps"))
  {
    const char *pool = lwipsim_jstr(sw, "pool", "?");
    long ok = lwipsim_jlong(sw, "smallest_ok", -1);
    int heap_sweep = strcmp(pool, "HEAP") == 0; /* lwIP's heap, in bytes */
    lwipsim_sb_printf(o, "\n%s sweep, %ld to %ld%s (demand build capped at each value; configured %ld%s): ", pool,
                      lwipsim_jlong(sw, "lo", 0), lwipsim_jlong(sw, "hi", 0), heap_sweep ? " bytes" : "",
                      heap_sweep ? lwipsim_jlong(heap, "size_bytes", -1)
                                 : lwipsim_jlong(lwipsim_profile_pool(pr, pool), "size", -1),
                      heap_sweep ? "; 64-bit host bytes" : "");
    if (ok >= 0) {
      lwipsim_sb_printf(o, "every scenario is ok from %ld.\n\n", ok);
    } else {
      lwipsim_sb_printf(o, "not every scenario is ok even at %ld", lwipsim_jlong(sw, "hi", 0));
      lwipsim_sweep_blockers(sw, pool, o);
      lwipsim_sb_printf(o, ".\n\n");
    }
    const cJSON *scen = cJSON_GetObjectItemCaseSensitive(sw, "scenarios");
    lwipsim_sb_printf(o, "| value |");
    cJSON_ArrayForEach(s, scen) { lwipsim_sb_printf(o, " %s |", lwipsim_jstr(s, "scenario", "?")); }
    lwipsim_sb_printf(o, "\n|--:|");
    cJSON_ArrayForEach(s, scen) { lwipsim_sb_printf(o, "---|"); }
    lwipsim_sb_printf(o, "\n");
    const cJSON *first_rows = cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(scen, 0), "rows");
    for (int i = 0; i < cJSON_GetArraySize(first_rows); i++) {
      lwipsim_sb_printf(o, "| %ld |", lwipsim_jlong(cJSON_GetArrayItem(first_rows, i), "value", 0));
      cJSON_ArrayForEach(s, scen)
      {
        char cell[256];
        lwipsim_sweep_cell_text(cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(s, "rows"), i), cell, sizeof cell);
        lwipsim_sb_printf(o, " %s |", cell);
      }
      lwipsim_sb_printf(o, "\n");
    }
  }
  lwipsim_sb_printf(o, "\n");
}

void lwipsim_render_md(const cJSON *report, struct lwipsim_sb *o)
{
  const cJSON *sum = cJSON_GetObjectItemCaseSensitive(report, "summary");
  lwipsim_sb_printf(o, "# lwipsim config-safety report\n\n");
  lwipsim_sb_printf(o, "%ld profile(s) \u00d7 %ld scenario(s) (", lwipsim_jlong(sum, "profiles", 0),
                    lwipsim_jlong(sum, "scenarios", 0));
  const cJSON *s;
  int first = 1;
  cJSON_ArrayForEach(s, cJSON_GetObjectItemCaseSensitive(report, "scenarios"))
  {
    lwipsim_sb_printf(o, "%s%s", first ? "" : ", ", lwipsim_jstr(s, "name", "?"));
    first = 0;
  }
  lwipsim_sb_printf(o, "). Verdicts: %ld UNSAFE, %ld MARGINAL, %ld SAFE, %ld with no count limit.\n\n",
                    lwipsim_jlong(sum, "unsafe", 0), lwipsim_jlong(sum, "marginal", 0), lwipsim_jlong(sum, "safe", 0),
                    lwipsim_jlong(sum, "no_limit", 0));
  lwipsim_sb_printf(
      o, "**UNSAFE**: the configured size is below what a scenario needed. "
         "**MARGINAL**: it covers every scenario, but not lwIP's worst case (or no worst case is "
         "known). **SAFE**: it covers the worst case. Demand is the pool's peak with pools "
         "compiled large (for TCP_PCB, the PCBs not in TIME_WAIT: lwIP recycles those when the pool is empty); "
         "how to read this: docs/report.md.\n\n");
  const cJSON *pr;
  cJSON_ArrayForEach(pr, cJSON_GetObjectItemCaseSensitive(report, "profiles")) { profile_md(o, pr); }
  const cJSON *not_run = cJSON_GetObjectItemCaseSensitive(report, "not_run");
  if (cJSON_GetArraySize(not_run) > 0) {
    lwipsim_sb_printf(o, "## Not run\n\n%s\n\n| profile | scenario | why |\n|---|---|---|\n", lwipsim_not_run_intro);
    const cJSON *nr;
    cJSON_ArrayForEach(nr, not_run)
    {
      lwipsim_sb_printf(o, "| %s | %s | %s |\n", lwipsim_jstr(nr, "profile", "?"), lwipsim_jstr(nr, "scenario", "?"),
                        lwipsim_jstr(nr, "reason", "?"));
    }
    lwipsim_sb_printf(o, "\n");
  }
}
