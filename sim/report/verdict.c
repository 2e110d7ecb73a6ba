#include "report/verdict.h"

#include <stdio.h>
#include <string.h>

static long max_l(long a, long b) { return a > b ? a : b; }

void lwipsim_verdict_decide(const struct lwipsim_verdict_in *in, struct lwipsim_verdict_out *out)
{
  long rec = in->demand;
  if (in->bound >= 0) {
    rec = max_l(rec, in->bound);
  }
  if (in->floor >= 0 && in->size >= 0) {
    /* lwIP refuses to compile below it (init.c:128-131, docs/bounds.md section 1);
     * the check is off with MEMP_MEM_MALLOC=1, hence only for fixed pools. */
    rec = max_l(rec, in->floor);
  }
  out->recommended = rec;
  out->missing[0] = '\0';
  /* SAFE claims only what was shown: a known worst case that the size
   * covers, and one that does not grow with what the script does (a bound
   * counted for N reloads says nothing of the N+1st). */
  if (in->size < 0) {
    out->verdict = LWIPSIM_VERDICT_NO_LIMIT;
  } else if (in->size < in->demand) {
    out->verdict = LWIPSIM_VERDICT_UNSAFE;
  } else if (in->bound < 0) {
    out->verdict = LWIPSIM_VERDICT_MARGINAL;
    snprintf(out->missing, sizeof out->missing, "no bound known");
  } else if (in->size < in->bound) {
    out->verdict = LWIPSIM_VERDICT_MARGINAL;
    snprintf(out->missing, sizeof out->missing, "size below the worst case %ld", in->bound);
  } else if (in->reloads >= 0) {
    out->verdict = LWIPSIM_VERDICT_MARGINAL;
    snprintf(out->missing, sizeof out->missing, "bound assumes at most %ld reloads", in->reloads);
  } else {
    out->verdict = LWIPSIM_VERDICT_SAFE;
  }
}

static const char *const names[] = { "NO_LIMIT", "SAFE", "MARGINAL", "UNSAFE" };

const char *lwipsim_verdict_name(enum lwipsim_verdict v) { return names[v]; }

int lwipsim_verdict_parse(const char *s)
{
  for (int i = 0; i < 4; i++) {
    if (s != NULL && strcmp(s, names[i]) == 0) {
      return i;
    }
  }
  return -1;
}
