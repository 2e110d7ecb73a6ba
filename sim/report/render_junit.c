/* junit.xml: one testcase per (profile, scenario, pool); UNSAFE fails it. */
#include <stdio.h>
#include <string.h>

#include "common/json_get.h"
#include "report/render.h"
#include "report/target_runs.h"

static void testcase(struct lwipsim_sb *o, const cJSON *pr, const cJSON *s, const cJSON *sp)
{
  const char *pool = lwipsim_jstr(sp, "name", "?");
  const char *verdict = lwipsim_jstr(sp, "verdict", "?");
  const cJSON *pp = lwipsim_profile_pool(pr, pool);
  long size = lwipsim_jlong(pp, "size", -1);
  lwipsim_sb_printf(o, "    <testcase classname=\"");
  lwipsim_sb_esc(o, lwipsim_jstr(pr, "name", "?"));
  lwipsim_sb_printf(o, ".");
  lwipsim_sb_esc(o, lwipsim_jstr(s, "scenario", "?"));
  lwipsim_sb_printf(o, "\" name=\"");
  lwipsim_sb_esc(o, pool);
  lwipsim_sb_printf(o, "\" time=\"0\">\n");
  char msg[512];
  if (strcmp(verdict, "UNSAFE") == 0) {
    char outcome[512], cost[1024];
    lwipsim_outcome_text(cJSON_GetObjectItemCaseSensitive(s, "faithful"), outcome, sizeof outcome);
    lwipsim_impact_cell_text(cJSON_GetObjectItemCaseSensitive(s, "faithful"), cost, sizeof cost);
    snprintf(msg, sizeof msg, "UNSAFE: %s is %ld, this scenario needs %ld; recommended %ld (%s)", pool, size,
             lwipsim_jlong(sp, "demand", 0), lwipsim_jlong(pp, "recommended", 0), lwipsim_jstr(pp, "paste", "-"));
    lwipsim_sb_printf(o, "      <failure type=\"UNSAFE\" message=\"");
    lwipsim_sb_esc(o, msg);
    lwipsim_sb_printf(o, "\">");
    lwipsim_sb_esc(o, outcome);
    lwipsim_sb_printf(o, "; what it cost: ");
    lwipsim_sb_esc(o, cost);
    lwipsim_sb_printf(o, "</failure>\n");
  } else {
    char sz[64];
    lwipsim_size_text(pp, sz, sizeof sz);
    snprintf(msg, sizeof msg, "%s: size %s, demand %ld", lwipsim_verdict_label(verdict), sz,
             lwipsim_jlong(sp, "demand", 0));
    lwipsim_sb_printf(o, "      <system-out>");
    lwipsim_sb_esc(o, msg);
    lwipsim_sb_printf(o, "</system-out>\n");
  }
  lwipsim_sb_printf(o, "    </testcase>\n");
}

void lwipsim_render_junit(const cJSON *report, struct lwipsim_sb *o)
{
  int total = 0, failures = 0;
  const cJSON *pr, *s, *sp;
  cJSON_ArrayForEach(pr, cJSON_GetObjectItemCaseSensitive(report, "profiles"))
  {
    cJSON_ArrayForEach(s, cJSON_GetObjectItemCaseSensitive(pr, "scenarios"))
    {
      cJSON_ArrayForEach(sp, cJSON_GetObjectItemCaseSensitive(s, "pools"))
      {
        total++;
        failures += strcmp(lwipsim_jstr(sp, "verdict", ""), "UNSAFE") == 0;
      }
    }
  }
  lwipsim_target_junit_counts(report, &total, &failures); /* report --target only */
  lwipsim_sb_printf(o, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  lwipsim_sb_printf(o, "<testsuites name=\"lwipsim report\" tests=\"%d\" failures=\"%d\">\n", total, failures);
  cJSON_ArrayForEach(pr, cJSON_GetObjectItemCaseSensitive(report, "profiles"))
  {
    int n = 0, f = 0;
    cJSON_ArrayForEach(s, cJSON_GetObjectItemCaseSensitive(pr, "scenarios"))
    {
      cJSON_ArrayForEach(sp, cJSON_GetObjectItemCaseSensitive(s, "pools"))
      {
        n++;
        f += strcmp(lwipsim_jstr(sp, "verdict", ""), "UNSAFE") == 0;
      }
    }
    lwipsim_sb_printf(o, "  <testsuite name=\"");
    lwipsim_sb_esc(o, lwipsim_jstr(pr, "name", "?"));
    lwipsim_sb_printf(o, "\" tests=\"%d\" failures=\"%d\">\n", n, f);
    cJSON_ArrayForEach(s, cJSON_GetObjectItemCaseSensitive(pr, "scenarios"))
    {
      cJSON_ArrayForEach(sp, cJSON_GetObjectItemCaseSensitive(s, "pools")) { testcase(o, pr, s, sp); }
    }
    lwipsim_sb_printf(o, "  </testsuite>\n");
  }
  lwipsim_render_target_junit(report, o);
  lwipsim_sb_printf(o, "</testsuites>\n");
}
