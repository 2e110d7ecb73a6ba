/* lwIP's heap in the report (report_build.c profile_heap()): the HEAP row and
 * the sentence under the verdict table, shared by the Markdown, HTML and
 * text renderers. Every figure says it is a 64-bit host figure: lwIP's
 * structures are about half that size on a 32-bit chip. */
#include <stdio.h>
#include <string.h>

#include "common/json_get.h"
#include "report/render.h"

#define HOST "64-bit host bytes"

/* As a pool's: the value when the heap must grow, else "keep" (a heap with
 * no known worst case is not shrunk on the strength of recorded traffic). */
void lwipsim_heap_recommended_text(const cJSON *heap, char *buf, size_t cap)
{
  long rec = lwipsim_jlong(heap, "recommended_bytes", 0), size = lwipsim_jlong(heap, "size_bytes", 0);
  if (rec > size) {
    snprintf(buf, cap, "%ld (demand + %ld%% for fragmentation, %s)", rec, lwipsim_jlong(heap, "allowance_percent", 0),
             HOST);
  } else {
    snprintf(buf, cap, "keep %ld (demand + %ld%% is %ld, %s)", size, lwipsim_jlong(heap, "allowance_percent", 0), rec,
             HOST);
  }
}

/* The lwipopts.h line when the heap must grow, else NULL. */
static const char *heap_paste(const cJSON *heap)
{
  return lwipsim_jlong(heap, "recommended_bytes", 0) > lwipsim_jlong(heap, "size_bytes", 0)
             ? lwipsim_jstr(heap, "paste", NULL)
             : NULL;
}

void lwipsim_heap_md_row(const cJSON *heap, struct lwipsim_sb *out)
{
  const char *verdict = lwipsim_jstr(heap, "verdict", "?");
  const char *missing = lwipsim_jstr(heap, "missing", NULL);
  char rec[128];
  lwipsim_heap_recommended_text(heap, rec, sizeof rec);
  const char *paste = heap_paste(heap);
  lwipsim_sb_printf(out, "| HEAP (bytes) | %ld (%s, %s) | %ld (%s) | not known | **%s**%s%s%s | %s | - | ",
                    lwipsim_jlong(heap, "size_bytes", 0), lwipsim_jstr(heap, "macro", "budget"), HOST,
                    lwipsim_jlong(heap, "demand_bytes", 0), lwipsim_jstr(heap, "demand_scenario", "-"), verdict,
                    missing ? " (" : "", missing ? missing : "", missing ? ")" : "", rec);
  lwipsim_sb_printf(out, paste ? "`%s`" : "%s", paste ? paste : "-");
  lwipsim_sb_printf(out, " |\n");
}

void lwipsim_heap_sentence(const cJSON *heap, struct lwipsim_sb *out)
{
  int memc = strcmp(lwipsim_jstr(heap, "kind", ""), "mem.c") == 0;
  lwipsim_sb_printf(out, "HEAP (%s %ld bytes, %s): demand %ld bytes (%s); faithful peak %ld bytes (%s)",
                    memc ? "mem.c, MEM_SIZE" : "MEM_CUSTOM_ALLOCATOR budget", lwipsim_jlong(heap, "size_bytes", 0),
                    HOST, lwipsim_jlong(heap, "demand_bytes", 0), lwipsim_jstr(heap, "demand_scenario", "?"),
                    lwipsim_jlong(heap, "peak_bytes", 0), lwipsim_jstr(heap, "peak_scenario", "?"));
  long lf = lwipsim_jlong(heap, "largest_free_at_peak_bytes", -1);
  if (lf >= 0) {
    lwipsim_sb_printf(out, ", largest free block at that peak %ld bytes", lf);
  } else {
    lwipsim_sb_printf(out, ", largest free block not known (%s)",
                      memc ? "mem.c's block list did not read as expected" : "a budget has no placement");
  }
  long failed = lwipsim_jlong(heap, "failed", 0);
  const cJSON *ff = cJSON_GetObjectItemCaseSensitive(heap, "first_failure");
  lwipsim_sb_printf(out, "; %ld allocations refused", failed);
  if (cJSON_IsObject(ff)) {
    char at[32];
    lwipsim_fmt_ms(at, sizeof at, lwipsim_jlong(ff, "time_ms", 0));
    lwipsim_sb_printf(out, ", the first at %s in %s: %ld bytes for %s", at, lwipsim_jstr(ff, "scenario", "?"),
                      lwipsim_jlong(ff, "bytes", 0), lwipsim_jstr(ff, "site", "?"));
    long flf = lwipsim_jlong(ff, "largest_free_bytes", -1);
    if (flf >= 0) {
      lwipsim_sb_printf(out, " with a largest free block of %ld bytes", flf);
    }
    long least = lwipsim_jlong(heap, "largest_free_at_failure_bytes", -1);
    if (least >= 0) {
      lwipsim_sb_printf(out, " (at a refusal, the largest free block was down to %ld bytes)", least);
    }
  }
  const char *missing = lwipsim_jstr(heap, "missing", NULL);
  lwipsim_sb_printf(out, ". Verdict %s%s%s%s", lwipsim_jstr(heap, "verdict", "?"), missing ? ": " : "",
                    missing ? missing : "", missing ? " (no worst case is known for a heap)" : "");
  char rec[128];
  lwipsim_heap_recommended_text(heap, rec, sizeof rec);
  const char *paste = heap_paste(heap);
  lwipsim_sb_printf(out, ". Recommended %s%s%s.", rec, paste ? ": " : "", paste ? paste : "");
}

void lwipsim_heap_html_row(const cJSON *heap, struct lwipsim_sb *out)
{
  const char *verdict = lwipsim_jstr(heap, "verdict", "?"), *missing = lwipsim_jstr(heap, "missing", NULL);
  lwipsim_sb_printf(out,
                    "<tr class=\"heap-row\"><td>HEAP (bytes)</td><td class=\"n\">%ld <span class=\"muted\">(%s, "
                    "%s)</span></td><td class=\"n\">%ld <span class=\"muted\">(",
                    lwipsim_jlong(heap, "size_bytes", 0), lwipsim_jstr(heap, "macro", "budget"), HOST,
                    lwipsim_jlong(heap, "demand_bytes", 0));
  lwipsim_sb_esc(out, lwipsim_jstr(heap, "demand_scenario", "-"));
  lwipsim_sb_printf(out, ")</span></td><td>not known</td><td><span class=\"v v-%s\">%s</span>", verdict,
                    lwipsim_verdict_label(verdict));
  if (missing != NULL) {
    lwipsim_sb_printf(out, " <span class=\"muted\">(");
    lwipsim_sb_esc(out, missing);
    lwipsim_sb_printf(out, ")</span>");
  }
  char rec[128];
  lwipsim_heap_recommended_text(heap, rec, sizeof rec);
  lwipsim_sb_printf(out, "</td><td class=\"n\">");
  lwipsim_sb_esc(out, rec);
  lwipsim_sb_printf(out, "</td><td class=\"n\">-</td><td>");
  const char *paste = heap_paste(heap);
  if (paste != NULL) {
    lwipsim_sb_printf(out, "<code>");
    lwipsim_sb_esc(out, paste);
    lwipsim_sb_printf(out, "</code>");
  } else {
    lwipsim_sb_printf(out, "-");
  }
  lwipsim_sb_printf(out, "</td></tr>\n");
}
