#include "report/target_runs.h"

#include <stdio.h>
#include <string.h>

#include "common/json_get.h"
#include "run_record/record.h"

static void pool_note(cJSON *notes, const char *name, long hp, long hf, long cp, long cf)
{
  char text[384];
  snprintf(text, sizeof text,
           "%s: peak %ld, %ld failed on the chip; %ld, %ld on the host. An element count does not depend on the "
           "pointer width: the two runs went differently (compare their records)",
           name, cp, cf, hp, hf);
  cJSON_AddItemToArray(notes, cJSON_CreateString(text));
}

cJSON *lwipsim_report_target_scenario(const cJSON *run)
{
  const cJSON *chip = cJSON_GetObjectItemCaseSensitive(run, "rp2040");
  const char *not_run = lwipsim_jstr(run, "rp2040_not_run", NULL);
  if (!cJSON_IsObject(chip) && not_run == NULL) {
    return NULL;
  }
  cJSON *o = cJSON_CreateObject();
  if (!cJSON_IsObject(chip)) {
    cJSON_AddStringToObject(o, "not_run", not_run);
    return o;
  }
  const cJSON *host = cJSON_GetObjectItemCaseSensitive(run, "faithful");
  cJSON_AddNullToObject(o, "not_run");
  cJSON_AddStringToObject(o, "outcome", lwipsim_jstr(chip, "outcome", "?"));
  cJSON_AddStringToObject(o, "host_outcome", lwipsim_jstr(host, "outcome", "?"));
  cJSON_AddNumberToObject(o, "end_time_ms", (double)lwipsim_jlong(chip, "end_time_ms", 0));
  cJSON_AddNumberToObject(o, "host_end_time_ms", (double)lwipsim_jlong(host, "end_time_ms", 0));
  int agrees = strcmp(lwipsim_jstr(chip, "outcome", "?"), lwipsim_jstr(host, "outcome", "")) == 0 &&
               lwipsim_jlong(chip, "end_time_ms", 0) == lwipsim_jlong(host, "end_time_ms", 0);
  cJSON *notes = cJSON_CreateArray();
  cJSON *pools = cJSON_AddArrayToObject(o, "pools");
  const cJSON *cp;
  cJSON_ArrayForEach(cp, cJSON_GetObjectItemCaseSensitive(chip, "pools"))
  {
    const char *name = lwipsim_jstr(cp, "name", "?");
    const cJSON *hp = lwipsim_record_pool(host, name);
    long peak = lwipsim_jlong(cp, "peak", 0), failed = lwipsim_jlong(cp, "failed", 0);
    long hpeak = lwipsim_jlong(hp, "peak", -1), hfailed = lwipsim_jlong(hp, "failed", -1);
    int same = peak == hpeak && failed == hfailed;
    cJSON *e = cJSON_CreateObject();
    cJSON_AddStringToObject(e, "name", name);
    cJSON_AddNumberToObject(e, "peak", (double)peak);
    cJSON_AddNumberToObject(e, "failed", (double)failed);
    cJSON_AddNumberToObject(e, "host_peak", (double)hpeak);
    cJSON_AddNumberToObject(e, "host_failed", (double)hfailed);
    cJSON_AddNumberToObject(e, "element_bytes", (double)lwipsim_jlong(cp, "elem_bytes", 0));
    cJSON_AddNumberToObject(e, "host_element_bytes", (double)lwipsim_jlong(hp, "elem_bytes", 0));
    cJSON_AddBoolToObject(e, "same", same);
    cJSON_AddItemToArray(pools, e);
    if (!same) {
      agrees = 0;
      pool_note(notes, name, hpeak, hfailed, peak, failed);
    }
  }
  const cJSON *ch = cJSON_GetObjectItemCaseSensitive(chip, "heap");
  const cJSON *hh = cJSON_GetObjectItemCaseSensitive(host, "heap");
  if (cJSON_IsObject(ch) && cJSON_IsObject(hh)) {
    long c = lwipsim_jlong(ch, "peak_bytes", 0), h = lwipsim_jlong(hh, "peak_bytes", 0);
    cJSON *heap = cJSON_AddObjectToObject(o, "heap");
    cJSON_AddNumberToObject(heap, "peak_bytes", (double)c);
    cJSON_AddNumberToObject(heap, "host_peak_bytes", (double)h);
    cJSON_AddNumberToObject(heap, "failed", (double)lwipsim_jlong(ch, "failed", 0));
    cJSON_AddNumberToObject(heap, "host_failed", (double)lwipsim_jlong(hh, "failed", 0));
    if (c != h) {
      char text[320];
      snprintf(text, sizeof text,
               "heap peak %ld B on the chip, %ld B on the host: lwIP's structures on the heap hold pointers, 4 "
               "bytes on the RP2040 and 8 on the x86_64 host, so the same allocations take fewer bytes there",
               c, h);
      cJSON_AddItemToArray(notes, cJSON_CreateString(text));
    }
  } else {
    cJSON_AddNullToObject(o, "heap");
  }
  cJSON_AddBoolToObject(o, "agrees", agrees);
  cJSON_AddItemToObject(o, "notes", notes);
  return o;
}

static int any_target(const cJSON *profile)
{
  const cJSON *s;
  cJSON_ArrayForEach(s, cJSON_GetObjectItemCaseSensitive(profile, "scenarios"))
  {
    if (cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(s, "rp2040"))) {
      return 1;
    }
  }
  return 0;
}

/* "11/1" when chip and host agree, else "chip 10/1, host 11/1". */
static void pool_cell(const cJSON *chip, const char *name, char *buf, size_t cap)
{
  const cJSON *p;
  cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(chip, "pools"))
  {
    if (strcmp(lwipsim_jstr(p, "name", ""), name) == 0) {
      if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(p, "same"))) {
        snprintf(buf, cap, "%ld/%ld", lwipsim_jlong(p, "peak", 0), lwipsim_jlong(p, "failed", 0));
      } else {
        snprintf(buf, cap, "chip %ld/%ld, host %ld/%ld", lwipsim_jlong(p, "peak", 0), lwipsim_jlong(p, "failed", 0),
                 lwipsim_jlong(p, "host_peak", 0), lwipsim_jlong(p, "host_failed", 0));
      }
      return;
    }
  }
  snprintf(buf, cap, "-");
}

static void heap_cell(const cJSON *chip, char *buf, size_t cap)
{
  const cJSON *h = cJSON_GetObjectItemCaseSensitive(chip, "heap");
  if (!cJSON_IsObject(h)) {
    snprintf(buf, cap, "-");
    return;
  }
  snprintf(buf, cap, "%ld B (host %ld B)", lwipsim_jlong(h, "peak_bytes", 0), lwipsim_jlong(h, "host_peak_bytes", 0));
}

static const char intro[] =
    "The same scenarios on the profile's firmware image in an emulated RP2040 (`lwipsim replay --target rp2040`: "
    "lwIP, the device script and the probe on the chip, the capture's frames from the host). Pools are "
    "peak/failed, one figure when the chip and the host agree.";

/* The columns: the pools the profile's table shows (the first scenario's). */
static const cJSON *column_pools(const cJSON *profile)
{
  return cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(profile, "scenarios"), 0),
                                          "pools");
}

void lwipsim_render_target_md(const cJSON *profile, struct lwipsim_sb *o)
{
  if (!any_target(profile)) {
    return;
  }
  lwipsim_sb_printf(o, "\nOn the emulated RP2040. %s\n\n| scenario | outcome (chip / host) |", intro);
  const cJSON *cols = column_pools(profile), *c, *s;
  cJSON_ArrayForEach(c, cols) { lwipsim_sb_printf(o, " %s |", lwipsim_jstr(c, "name", "?")); }
  lwipsim_sb_printf(o, " heap peak | notes |\n|---|---|");
  cJSON_ArrayForEach(c, cols) { lwipsim_sb_printf(o, "---|"); }
  lwipsim_sb_printf(o, "---|---|\n");
  cJSON_ArrayForEach(s, cJSON_GetObjectItemCaseSensitive(profile, "scenarios"))
  {
    const cJSON *chip = cJSON_GetObjectItemCaseSensitive(s, "rp2040");
    if (!cJSON_IsObject(chip)) {
      continue;
    }
    const char *nr = lwipsim_jstr(chip, "not_run", NULL);
    lwipsim_sb_printf(o, "| %s |", lwipsim_jstr(s, "scenario", "?"));
    if (nr != NULL) {
      lwipsim_sb_printf(o, " not run on the chip |");
      cJSON_ArrayForEach(c, cols) { lwipsim_sb_printf(o, " |"); }
      lwipsim_sb_printf(o, " | %s |\n", nr);
      continue;
    }
    lwipsim_sb_printf(o, " %s / %s |", lwipsim_jstr(chip, "outcome", "?"), lwipsim_jstr(chip, "host_outcome", "?"));
    cJSON_ArrayForEach(c, cols)
    {
      char cell[96];
      pool_cell(chip, lwipsim_jstr(c, "name", "?"), cell, sizeof cell);
      lwipsim_sb_printf(o, " %s |", cell);
    }
    char heap[96];
    heap_cell(chip, heap, sizeof heap);
    lwipsim_sb_printf(o, " %s | ", heap);
    const cJSON *n;
    int k = 0;
    cJSON_ArrayForEach(n, cJSON_GetObjectItemCaseSensitive(chip, "notes"))
    {
      lwipsim_sb_printf(o, "%s%s", k++ ? "; " : "", cJSON_IsString(n) ? n->valuestring : "");
    }
    lwipsim_sb_printf(o, "%s |\n", k ? "" : "-");
  }
}

void lwipsim_render_target_html(const cJSON *profile, struct lwipsim_sb *o)
{
  if (!any_target(profile)) {
    return;
  }
  lwipsim_sb_printf(o, "<h3>On the emulated RP2040</h3>\n<p>");
  lwipsim_sb_esc(o, intro);
  lwipsim_sb_printf(o, "</p>\n<table><thead><tr><th>scenario</th><th>outcome (chip / host)</th>");
  const cJSON *cols = column_pools(profile), *c, *s;
  cJSON_ArrayForEach(c, cols)
  {
    lwipsim_sb_printf(o, "<th>");
    lwipsim_sb_esc(o, lwipsim_jstr(c, "name", "?"));
    lwipsim_sb_printf(o, "</th>");
  }
  lwipsim_sb_printf(o, "<th>heap peak</th><th>notes</th></tr></thead><tbody>\n");
  cJSON_ArrayForEach(s, cJSON_GetObjectItemCaseSensitive(profile, "scenarios"))
  {
    const cJSON *chip = cJSON_GetObjectItemCaseSensitive(s, "rp2040");
    if (!cJSON_IsObject(chip)) {
      continue;
    }
    const char *nr = lwipsim_jstr(chip, "not_run", NULL);
    lwipsim_sb_printf(o, "<tr><td>");
    lwipsim_sb_esc(o, lwipsim_jstr(s, "scenario", "?"));
    lwipsim_sb_printf(o, "</td><td>");
    if (nr != NULL) {
      lwipsim_sb_printf(o, "not run on the chip</td>");
      cJSON_ArrayForEach(c, cols) { lwipsim_sb_printf(o, "<td></td>"); }
      lwipsim_sb_printf(o, "<td></td><td>");
      lwipsim_sb_esc(o, nr);
      lwipsim_sb_printf(o, "</td></tr>\n");
      continue;
    }
    lwipsim_sb_esc(o, lwipsim_jstr(chip, "outcome", "?"));
    lwipsim_sb_printf(o, " / ");
    lwipsim_sb_esc(o, lwipsim_jstr(chip, "host_outcome", "?"));
    lwipsim_sb_printf(o, "</td>");
    cJSON_ArrayForEach(c, cols)
    {
      char cell[96];
      pool_cell(chip, lwipsim_jstr(c, "name", "?"), cell, sizeof cell);
      lwipsim_sb_printf(o, "<td>");
      lwipsim_sb_esc(o, cell);
      lwipsim_sb_printf(o, "</td>");
    }
    char heap[96];
    heap_cell(chip, heap, sizeof heap);
    lwipsim_sb_printf(o, "<td>");
    lwipsim_sb_esc(o, heap);
    lwipsim_sb_printf(o, "</td><td>");
    const cJSON *n;
    int k = 0;
    cJSON_ArrayForEach(n, cJSON_GetObjectItemCaseSensitive(chip, "notes"))
    {
      lwipsim_sb_printf(o, "%s", k++ ? "; " : "");
      lwipsim_sb_esc(o, cJSON_IsString(n) ? n->valuestring : "");
    }
    lwipsim_sb_printf(o, "%s</td></tr>\n", k ? "" : "-");
  }
  lwipsim_sb_printf(o, "</tbody></table>\n");
}

static int chip_ran(const cJSON *s, const cJSON **chip)
{
  *chip = cJSON_GetObjectItemCaseSensitive(s, "rp2040");
  return cJSON_IsObject(*chip) && lwipsim_jstr(*chip, "not_run", NULL) == NULL;
}

void lwipsim_target_junit_counts(const cJSON *report, int *tests, int *failures)
{
  const cJSON *pr, *s, *chip;
  cJSON_ArrayForEach(pr, cJSON_GetObjectItemCaseSensitive(report, "profiles"))
  {
    cJSON_ArrayForEach(s, cJSON_GetObjectItemCaseSensitive(pr, "scenarios"))
    {
      if (chip_ran(s, &chip)) {
        (*tests)++;
        *failures += !cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(chip, "agrees"));
      }
    }
  }
}

void lwipsim_render_target_junit(const cJSON *report, struct lwipsim_sb *o)
{
  int n = 0, f = 0;
  lwipsim_target_junit_counts(report, &n, &f);
  if (n == 0) {
    return;
  }
  lwipsim_sb_printf(o, "  <testsuite name=\"rp2040\" tests=\"%d\" failures=\"%d\">\n", n, f);
  const cJSON *pr, *s, *chip;
  cJSON_ArrayForEach(pr, cJSON_GetObjectItemCaseSensitive(report, "profiles"))
  {
    cJSON_ArrayForEach(s, cJSON_GetObjectItemCaseSensitive(pr, "scenarios"))
    {
      if (!chip_ran(s, &chip)) {
        continue;
      }
      lwipsim_sb_printf(o, "    <testcase classname=\"rp2040.");
      lwipsim_sb_esc(o, lwipsim_jstr(pr, "name", "?"));
      lwipsim_sb_printf(o, "\" name=\"");
      lwipsim_sb_esc(o, lwipsim_jstr(s, "scenario", "?"));
      lwipsim_sb_printf(o, ": chip = host\">\n");
      if (!cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(chip, "agrees"))) {
        char msg[256];
        snprintf(msg, sizeof msg, "the chip's run differs from the host's: %s / %s", lwipsim_jstr(chip, "outcome", "?"),
                 lwipsim_jstr(chip, "host_outcome", "?"));
        lwipsim_sb_printf(o, "      <failure message=\"");
        lwipsim_sb_esc(o, msg);
        lwipsim_sb_printf(o, "\"/>\n");
      }
      lwipsim_sb_printf(o, "    </testcase>\n");
    }
  }
  lwipsim_sb_printf(o, "  </testsuite>\n");
}
