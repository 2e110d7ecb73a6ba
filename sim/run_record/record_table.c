#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>

#include "run_record/record.h"

static double num(const cJSON *o, const char *key)
{
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
  return cJSON_IsNumber(v) ? v->valuedouble : 0;
}

static const char *str(const cJSON *o, const char *key)
{
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
  return cJSON_IsString(v) ? v->valuestring : "?";
}

static void print_timers(const cJSON *list, FILE *out)
{
  const cJSON *t;
  int n = cJSON_GetArraySize(list);
  fprintf(out, "  armed timers (%d):\n", n);
  cJSON_ArrayForEach(t, list) { fprintf(out, "    %s\n", cJSON_IsString(t) ? t->valuestring : "?"); }
}

/* Under the outcome: what the failure cost, when something failed. */
static void print_impact(const cJSON *r, FILE *out)
{
  const cJSON *impact = cJSON_GetObjectItemCaseSensitive(r, "impact");
  if (!cJSON_IsObject(impact)) {
    return;
  }
  char cause[96], what[1024];
  lwipsim_impact_cause_text(impact, cause, sizeof cause);
  lwipsim_impact_text(impact, what, sizeof what);
  fprintf(out, "  %s: %s\n", cause, what);
}

void lwipsim_record_print_table(const cJSON *r, FILE *out)
{
  fprintf(out, "profile %s (lwIP %s, assert policy %s), scenario %s, %.3f s of virtual time\n", str(r, "profile"),
          str(r, "lwip_version"), str(r, "assert_policy"), str(r, "scenario"), num(r, "end_time_ms") / 1000.0);
  fprintf(out, "%-16s %6s %6s %7s\n", "pool", "size", "peak", "failed");
  const cJSON *pool;
  cJSON_ArrayForEach(pool, cJSON_GetObjectItemCaseSensitive(r, "pools"))
  {
    const cJSON *size = cJSON_GetObjectItemCaseSensitive(pool, "size");
    char size_s[16];
    if (cJSON_IsNumber(size)) {
      snprintf(size_s, sizeof size_s, "%d", size->valueint);
    } else {
      snprintf(size_s, sizeof size_s, "heap");
    }
    int failed = (int)num(pool, "failed");
    int peak = (int)num(pool, "peak");
    /* In a demand run nothing fails; a peak above the size is the finding. */
    const char *mark = failed                                            ? "  <-- FAILED"
                       : (cJSON_IsNumber(size) && peak > size->valueint) ? "  <-- needs more"
                                                                         : "";
    fprintf(out, "%-16s %6s %6d %7d%s\n", str(pool, "name"), size_s, peak, failed, mark);
  }
  const cJSON *heap = cJSON_GetObjectItemCaseSensitive(r, "heap");
  if (cJSON_IsObject(heap)) {
    /* lwIP's heap, in bytes, as one more row */
    int failed = (int)num(heap, "failed");
    int peak = (int)num(heap, "peak_bytes"), size = (int)num(heap, "size_bytes");
    const char *mark = failed ? "  <-- FAILED" : peak > size ? "  <-- needs more" : "";
    fprintf(out, "%-16s %6d %6d %7d%s\n", "HEAP (bytes)", size, peak, failed, mark);
    const cJSON *lf = cJSON_GetObjectItemCaseSensitive(heap, "largest_free_at_peak_bytes");
    char largest[64] = "not known";
    if (cJSON_IsNumber(lf)) {
      snprintf(largest, sizeof largest, "%d bytes", lf->valueint);
    }
    fprintf(out, "heap: %s %s, peak %d of %d bytes (64-bit host bytes), largest free block at the peak %s",
            str(heap, "kind"), strcmp(str(heap, "kind"), "mem.c") == 0 ? "MEM_SIZE" : "budget", peak, size, largest);
    const cJSON *f;
    int i = 0;
    cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(heap, "failures"))
    {
      if (i++ == 0) {
        const cJSON *fl = cJSON_GetObjectItemCaseSensitive(f, "largest_free_bytes");
        fprintf(out, "; first refused at %.3f s: %d bytes for %s, %d in use, largest free block %s",
                num(f, "time_ms") / 1000.0, (int)num(f, "bytes"), str(f, "site"), (int)num(f, "used_bytes"),
                cJSON_IsNumber(fl) ? "" : "not known");
        if (cJSON_IsNumber(fl)) {
          fprintf(out, "%d bytes", fl->valueint);
        }
      }
    }
    fprintf(out, "\n");
  }
  const cJSON *f = cJSON_GetObjectItemCaseSensitive(r, "frames");
  fprintf(out, "frames: %d injected, %d skipped (not Ethernet II), %d not for the device, %d transmitted\n",
          (int)num(f, "injected"), (int)num(f, "skipped"), (int)num(f, "not_for_device"), (int)num(f, "transmitted"));

  const char *outcome = str(r, "outcome");
  const cJSON *panic = cJSON_GetObjectItemCaseSensitive(r, "panic");
  const cJSON *crash = cJSON_GetObjectItemCaseSensitive(r, "crash");
  if (cJSON_IsObject(panic)) {
    fprintf(out, "outcome: panic at %.3f s: %s (%s:%d), arming %s\n", num(panic, "time_ms") / 1000.0,
            str(panic, "message"), str(panic, "file"), (int)num(panic, "line"), str(panic, "arming"));
    print_impact(r, out);
    print_timers(cJSON_GetObjectItemCaseSensitive(panic, "armed_timers"), out);
  } else if (cJSON_IsObject(crash)) {
    fprintf(out, "outcome: crash: %s inside the run at %.3f s; last events:\n", str(crash, "signal_name"),
            num(crash, "time_ms") / 1000.0);
    const cJSON *e;
    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(crash, "last_events"))
    {
      fprintf(out, "    %s\n", cJSON_IsString(e) ? e->valuestring : "?");
    }
  } else {
    fprintf(out, "outcome: %s\n", outcome);
    print_impact(r, out);
    const cJSON *st = cJSON_GetObjectItemCaseSensitive(r, "sys_timeout");
    const cJSON *fail = cJSON_GetObjectItemCaseSensitive(st, "at_first_failure");
    if (cJSON_IsObject(fail)) {
      fprintf(out, "  SYS_TIMEOUT first ran out at %.3f s\n", num(fail, "time_ms") / 1000.0);
      print_timers(cJSON_GetObjectItemCaseSensitive(fail, "armed_timers"), out);
    }
  }
}
