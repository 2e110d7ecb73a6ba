/* report.html: one self-contained page (inline CSS and SVG, no script, no
 * network), readable from a phone's width up. */
#include <string.h>

#include "common/json_get.h"
#include "report/render.h"
#include "report/target_runs.h"

static const char css[] =
    ":root{color-scheme:light dark;--fg:#1b1f24;--bg:#fff;--mute:#59636e;--line:#d0d7de;--ok:#1a7f37;"
    "--bad:#cf222e;--warn:#9a6700;--info:#0969da}"
    "@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--bg:#0d1117;--mute:#9198a1;--line:#3d444d;"
    "--ok:#3fb950;--bad:#f85149;--warn:#d29922;--info:#4493f8}}"
    "body{margin:0;font:16px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;color:var(--fg);background:var(--bg)}"
    "main{max-width:72rem;margin:0 auto;padding:1rem}h1{font-size:1.5rem}h2{font-size:1.25rem;margin-top:2.5rem;"
    "border-bottom:1px solid var(--line)}h3{font-size:1.05rem}"
    ".scroll{overflow-x:auto}table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem}"
    "th,td{border:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top}"
    "td.n{text-align:right}code{font-size:.85rem;word-break:break-all}"
    ".v{font-weight:700;padding:0 .35rem;border-radius:.25rem;white-space:nowrap}"
    ".v-UNSAFE{color:#fff;background:var(--bad)}.v-MARGINAL{color:#000;background:#eac54f}"
    ".v-SAFE{color:#fff;background:var(--ok)}.v-NO_LIMIT{color:#fff;background:var(--info)}"
    ".muted{color:var(--mute)}.plots{display:grid;grid-template-columns:repeat(auto-fill,minmax(20rem,1fr));gap:1rem}"
    "figure{margin:0}figcaption{font-size:.85rem;color:var(--mute)}svg{width:100%;height:auto;display:block}"
    "svg text{fill:var(--fg);font:15px system-ui,sans-serif}.sweep-fig{max-width:40rem}svg .axis{fill:var(--mute)}"
    "svg .frame{fill:none;stroke:var(--line)}svg .grid{stroke:var(--line);stroke-width:.5}"
    "svg .faithful{fill:none;stroke:var(--info);stroke-width:2}"
    "svg .demand{fill:none;stroke:var(--mute);stroke-width:1.5;stroke-dasharray:4 3}"
    "svg .size{stroke:var(--bad);stroke-width:1.5;stroke-dasharray:6 4}svg .size-label,svg .fail-label{fill:var(--bad)}"
    "svg .fail{fill:var(--bad)}svg .stop{stroke:var(--bad);stroke-width:1}"
    "svg .bar-ok{fill:var(--ok)}svg .bar-fail{fill:var(--bad)}"
    ".legend span{display:inline-block;margin-right:1rem}";

static void verdict_badge(struct lwipsim_sb *o, const char *v)
{
  lwipsim_sb_printf(o, "<span class=\"v v-%s\">%s</span>", v, lwipsim_verdict_label(v));
}

static void pool_table(struct lwipsim_sb *o, const cJSON *pr)
{
  lwipsim_sb_printf(o, "<div class=\"scroll\"><table class=\"verdicts\" data-profile=\"");
  lwipsim_sb_esc(o, lwipsim_jstr(pr, "name", "?"));
  lwipsim_sb_printf(o, "\"><thead><tr><th>pool</th><th>size</th><th>demand (scenario)</th><th>worst case</th>"
                       "<th>verdict</th><th>recommended</th><th>RAM/element</th><th>lwipopts.h</th></tr></thead>"
                       "<tbody>\n");
  const cJSON *p;
  cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(pr, "pools"))
  {
    if (!cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(p, "interesting"))) {
      continue;
    }
    char bound[256];
    lwipsim_bound_text(cJSON_GetObjectItemCaseSensitive(p, "bound"), bound, sizeof bound);
    char sz[64];
    lwipsim_size_text(p, sz, sizeof sz);
    lwipsim_sb_printf(o, "<tr><td>%s</td><td class=\"n\">%s</td>", lwipsim_jstr(p, "name", "?"), sz);
    lwipsim_sb_printf(o, "<td class=\"n\">%ld <span class=\"muted\">(", lwipsim_jlong(p, "demand", 0));
    lwipsim_sb_esc(o, lwipsim_jstr(p, "demand_scenario", "-"));
    lwipsim_sb_printf(o, ")</span></td><td>");
    lwipsim_sb_esc(o, bound);
    lwipsim_sb_printf(o, "</td><td>");
    verdict_badge(o, lwipsim_jstr(p, "verdict", "?"));
    const char *missing = lwipsim_jstr(p, "missing", NULL); /* MARGINAL: what SAFE would need */
    if (missing != NULL) {
      lwipsim_sb_printf(o, " <span class=\"muted\">(");
      lwipsim_sb_esc(o, missing);
      lwipsim_sb_printf(o, ")</span>");
    }
    char search[256];
    if (lwipsim_search_text(p, search, sizeof search)) {
      lwipsim_sb_printf(o, "<br><small class=\"search\">");
      lwipsim_sb_esc(o, search);
      lwipsim_sb_printf(o, "</small>");
    }
    char recs[96];
    lwipsim_recommended_text(p, recs, sizeof recs);
    char elem[48];
    lwipsim_element_text(p, elem, sizeof elem);
    lwipsim_sb_printf(o, "</td><td class=\"n\">%s</td><td class=\"n\">%s</td><td>", recs, elem);
    const char *paste = lwipsim_paste_text(p);
    if (paste) {
      lwipsim_sb_printf(o, "<code>");
      lwipsim_sb_esc(o, paste);
      lwipsim_sb_printf(o, "</code>");
    } else {
      lwipsim_sb_printf(o, "-");
    }
    lwipsim_sb_printf(o, "</td></tr>\n");
  }
  const cJSON *heap = cJSON_GetObjectItemCaseSensitive(pr, "heap");
  if (cJSON_IsObject(heap)) {
    lwipsim_heap_html_row(heap, o);
  }
  lwipsim_sb_printf(o, "</tbody></table></div>\n");
  int notes = 0;
  cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(pr, "pools"))
  {
    struct lwipsim_sb line = { 0 };
    if (lwipsim_bound_terms_text(p, &line)) {
      lwipsim_sb_printf(o, "%s<li>", notes++ ? "" : "<p>Worst cases lwIP's code allows:</p><ul class=\"bounds\">");
      lwipsim_sb_esc(o, line.s);
      lwipsim_sb_printf(o, "</li>\n");
    }
    lwipsim_sb_free(&line);
  }
  lwipsim_sb_printf(o, notes ? "</ul>\n" : "");
}

static void scenario_section(struct lwipsim_sb *o, const cJSON *pr, const cJSON *s)
{
  const char *pname = lwipsim_jstr(pr, "name", "?"), *sname = lwipsim_jstr(s, "scenario", "?");
  const cJSON *f = cJSON_GetObjectItemCaseSensitive(s, "faithful");
  char outcome[512], ff[256], cost[1024];
  lwipsim_outcome_text(f, outcome, sizeof outcome);
  lwipsim_first_failure_text(f, ff, sizeof ff);
  lwipsim_impact_cell_text(f, cost, sizeof cost);
  lwipsim_sb_printf(o, "<h3>");
  lwipsim_sb_esc(o, pname);
  lwipsim_sb_printf(o, " \u00d7 ");
  lwipsim_sb_esc(o, sname);
  lwipsim_sb_printf(o, "</h3><p>Outcome with this profile: <strong>");
  lwipsim_sb_esc(o, outcome);
  lwipsim_sb_printf(o, "</strong>. First failure: ");
  lwipsim_sb_esc(o, ff);
  lwipsim_sb_printf(o, ". <span class=\"impact\">What it cost: ");
  lwipsim_sb_esc(o, cost);
  lwipsim_sb_printf(o, ".</span></p>\n<div class=\"plots\">\n");
  const cJSON *sp;
  cJSON_ArrayForEach(sp, cJSON_GetObjectItemCaseSensitive(s, "pools"))
  {
    const char *pool = lwipsim_jstr(sp, "name", "?");
    long size = lwipsim_jlong(lwipsim_profile_pool(pr, pool), "size", -1);
    lwipsim_sb_printf(o, "<figure>");
    lwipsim_svg_pool_plot(o, pname, sname, sp, f, size);
    lwipsim_sb_printf(o, "<figcaption>%s: peak %ld with this profile, demand %ld%s; ", pool,
                      lwipsim_jlong(sp, "peak", 0), lwipsim_jlong(sp, "demand", 0),
                      size >= 0 ? "" : " (no count limit)");
    verdict_badge(o, lwipsim_jstr(sp, "verdict", "?"));
    lwipsim_sb_printf(o, "</figcaption></figure>\n");
  }
  lwipsim_sb_printf(o, "</div>\n");
}

static void sweep_section(struct lwipsim_sb *o, const cJSON *pr, const cJSON *sw)
{
  const char *pool = lwipsim_jstr(sw, "pool", "?");
  int heap = strcmp(pool, "HEAP") == 0; /* lwIP's heap, in bytes */
  long size = heap ? lwipsim_jlong(cJSON_GetObjectItemCaseSensitive(pr, "heap"), "size_bytes", -1)
                   : lwipsim_jlong(lwipsim_profile_pool(pr, pool), "size", -1);
  long ok = lwipsim_jlong(sw, "smallest_ok", -1);
  if (heap) {
    lwipsim_sb_printf(o,
                      "<p class=\"muted\">HEAP values, peaks and sizes are 64-bit host bytes, every %ld bytes.</p>\n",
                      lwipsim_jlong(sw, "step", 1));
  }
  lwipsim_sb_printf(o,
                    "<h3>%s sweep, %ld to %ld</h3><p>The demand build capped at each value (every other pool at "
                    "the profile's size); a bar is how much of the scenario ran before it stopped, red when "
                    "an allocation failed. ",
                    pool, lwipsim_jlong(sw, "lo", 0), lwipsim_jlong(sw, "hi", 0));
  if (ok >= 0) {
    lwipsim_sb_printf(o, "Every scenario is ok from <strong>%ld</strong>.</p>\n", ok);
  } else {
    struct lwipsim_sb why = { 0 };
    lwipsim_sweep_blockers(sw, pool, &why);
    lwipsim_sb_printf(o, "Not every scenario is ok even at %ld", lwipsim_jlong(sw, "hi", 0));
    lwipsim_sb_esc(o, why.s ? why.s : "");
    lwipsim_sb_printf(o, ".</p>\n");
    lwipsim_sb_free(&why);
  }
  lwipsim_sb_printf(o, "<figure class=\"sweep-fig\">");
  lwipsim_svg_sweep(o, lwipsim_jstr(pr, "name", "?"), sw, size);
  lwipsim_sb_printf(o, "</figure>\n<div class=\"scroll\"><table class=\"sweep\"><thead><tr><th>%s</th>", pool);
  const cJSON *scen = cJSON_GetObjectItemCaseSensitive(sw, "scenarios"), *s;
  cJSON_ArrayForEach(s, scen)
  {
    lwipsim_sb_printf(o, "<th>");
    lwipsim_sb_esc(o, lwipsim_jstr(s, "scenario", "?"));
    lwipsim_sb_printf(o, "</th>");
  }
  lwipsim_sb_printf(o, "</tr></thead><tbody>\n");
  const cJSON *rows0 = cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(scen, 0), "rows");
  for (int i = 0; i < cJSON_GetArraySize(rows0); i++) {
    lwipsim_sb_printf(o, "<tr><td class=\"n\">%ld</td>", lwipsim_jlong(cJSON_GetArrayItem(rows0, i), "value", 0));
    cJSON_ArrayForEach(s, scen)
    {
      char cell[256];
      lwipsim_sweep_cell_text(cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(s, "rows"), i), cell, sizeof cell);
      lwipsim_sb_printf(o, "<td>");
      lwipsim_sb_esc(o, cell);
      lwipsim_sb_printf(o, "</td>");
    }
    lwipsim_sb_printf(o, "</tr>\n");
  }
  lwipsim_sb_printf(o, "</tbody></table></div>\n");
}

static void profile_section(struct lwipsim_sb *o, const cJSON *pr)
{
  const char *name = lwipsim_jstr(pr, "name", "?");
  lwipsim_sb_printf(o, "<section class=\"profile\" id=\"p-");
  lwipsim_sb_esc(o, name);
  lwipsim_sb_printf(o, "\"><h2>");
  lwipsim_sb_esc(o, name);
  lwipsim_sb_printf(o, " ");
  verdict_badge(o, lwipsim_jstr(pr, "verdict", "?"));
  lwipsim_sb_printf(o, "</h2><p>");
  lwipsim_sb_esc(o, lwipsim_jstr(pr, "description", ""));
  lwipsim_sb_printf(o, ". lwIP %s, assert policy %s.</p>\n", lwipsim_jstr(pr, "lwip_version", "?"),
                    lwipsim_jstr(pr, "assert_policy", "?"));
  if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(pr, "pools_on_heap"))) {
    lwipsim_sb_printf(o, "<p>Pools are on the heap (<code>MEMP_MEM_MALLOC=1</code>): no pool has a count limit; "
                         "the recommended values apply if the profile goes back to fixed pools.</p>\n");
  }
  const cJSON *heap = cJSON_GetObjectItemCaseSensitive(pr, "heap");
  if (cJSON_IsObject(heap)) {
    struct lwipsim_sb line = { 0 };
    lwipsim_heap_sentence(heap, &line);
    lwipsim_sb_printf(o, "<p class=\"heap\">");
    verdict_badge(o, lwipsim_jstr(heap, "verdict", "?"));
    lwipsim_sb_printf(o, " ");
    lwipsim_sb_esc(o, line.s ? line.s : "");
    lwipsim_sb_printf(o, "</p>\n");
    lwipsim_sb_free(&line);
  }
  char target[512];
  lwipsim_target_ram_text(pr, target, sizeof target);
  lwipsim_sb_printf(o, "<p class=\"target\">");
  lwipsim_sb_esc(o, target);
  lwipsim_sb_printf(o, "</p>\n");
  pool_table(o, pr);
  const char *peak_scenario = NULL;
  const cJSON *at = lwipsim_sys_timeout_peak(pr, &peak_scenario);
  if (at) {
    char when[32];
    lwipsim_fmt_ms(when, sizeof when, lwipsim_jlong(at, "time_ms", 0));
    lwipsim_sb_printf(o, "<p class=\"armed\">Armed timers at the SYS_TIMEOUT peak (%ld at %s in ",
                      lwipsim_jlong(at, "count", 0), when);
    lwipsim_sb_esc(o, peak_scenario);
    lwipsim_sb_printf(o, ", demand run): ");
    struct lwipsim_sb names = { 0 };
    lwipsim_timers_text(cJSON_GetObjectItemCaseSensitive(at, "armed_timers"), &names);
    lwipsim_sb_esc(o, names.s);
    lwipsim_sb_free(&names);
    lwipsim_sb_printf(o, ".</p>\n");
  }
  const cJSON *x;
  cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(pr, "sweeps")) { sweep_section(o, pr, x); }
  cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(pr, "scenarios")) { scenario_section(o, pr, x); }
  lwipsim_render_target_html(pr, o); /* report --target only */
  lwipsim_sb_printf(o, "</section>\n");
}

void lwipsim_render_html(const cJSON *report, struct lwipsim_sb *o)
{
  const cJSON *sum = cJSON_GetObjectItemCaseSensitive(report, "summary");
  lwipsim_sb_printf(o,
                    "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                    "<title>lwipsim config-safety report</title><style>%s</style></head><body><main>\n",
                    css);
  lwipsim_sb_printf(o,
                    "<h1>lwipsim config-safety report</h1>\n<p>%ld profile(s) \u00d7 %ld scenario(s). Verdicts: "
                    "<span class=\"v v-UNSAFE\">%ld UNSAFE</span> <span class=\"v v-MARGINAL\">%ld "
                    "MARGINAL</span> <span class=\"v v-SAFE\">%ld SAFE</span> <span class=\"v v-NO_LIMIT\">%ld "
                    "no count limit</span></p>\n",
                    lwipsim_jlong(sum, "profiles", 0), lwipsim_jlong(sum, "scenarios", 0),
                    lwipsim_jlong(sum, "unsafe", 0), lwipsim_jlong(sum, "marginal", 0), lwipsim_jlong(sum, "safe", 0),
                    lwipsim_jlong(sum, "no_limit", 0));
  lwipsim_sb_printf(
      o, "<p><strong>UNSAFE</strong>: the configured size is below what a scenario needed. "
         "<strong>MARGINAL</strong>: it covers every scenario, but not lwIP's worst case (or no worst "
         "case is known). <strong>SAFE</strong>: it covers the worst case. Demand is the pool's peak "
         "with pools compiled large (for TCP_PCB, the PCBs not in TIME_WAIT: lwIP recycles those when the pool "
         "is empty).</p>\n<p class=\"legend muted\"><span>plots: solid = this "
         "profile's run</span><span>dashed grey = demand run</span><span>red dashed = configured "
         "size</span><span>red dot = first failed allocation</span></p>\n<ul>");
  const cJSON *pr;
  cJSON_ArrayForEach(pr, cJSON_GetObjectItemCaseSensitive(report, "profiles"))
  {
    lwipsim_sb_printf(o, "<li><a href=\"#p-");
    lwipsim_sb_esc(o, lwipsim_jstr(pr, "name", "?"));
    lwipsim_sb_printf(o, "\">");
    lwipsim_sb_esc(o, lwipsim_jstr(pr, "name", "?"));
    lwipsim_sb_printf(o, "</a> ");
    verdict_badge(o, lwipsim_jstr(pr, "verdict", "?"));
    lwipsim_sb_printf(o, "</li>");
  }
  lwipsim_sb_printf(o, "</ul>\n");
  cJSON_ArrayForEach(pr, cJSON_GetObjectItemCaseSensitive(report, "profiles")) { profile_section(o, pr); }
  const cJSON *not_run = cJSON_GetObjectItemCaseSensitive(report, "not_run");
  if (cJSON_GetArraySize(not_run) > 0) {
    lwipsim_sb_printf(o,
                      "<section id=\"not-run\"><h2>Not run</h2>\n<p>%s</p>\n<table><thead><tr><th>profile</th>"
                      "<th>scenario</th><th>why</th></tr></thead><tbody>\n",
                      lwipsim_not_run_intro);
    const cJSON *nr;
    cJSON_ArrayForEach(nr, not_run)
    {
      static const char *const keys[] = { "profile", "scenario", "reason" };
      lwipsim_sb_printf(o, "<tr>");
      for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        lwipsim_sb_printf(o, "<td>");
        lwipsim_sb_esc(o, lwipsim_jstr(nr, keys[i], "?"));
        lwipsim_sb_printf(o, "</td>");
      }
      lwipsim_sb_printf(o, "</tr>\n");
    }
    lwipsim_sb_printf(o, "</tbody></table></section>\n");
  }
  lwipsim_sb_printf(o, "</main></body></html>\n");
}
