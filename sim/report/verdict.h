/* The verdict for one pool of one profile, from three numbers. */
#ifndef LWIPSIM_REPORT_VERDICT_H
#define LWIPSIM_REPORT_VERDICT_H

enum lwipsim_verdict {
  LWIPSIM_VERDICT_NO_LIMIT, /* MEMP_MEM_MALLOC=1: the pool has no count limit */
  LWIPSIM_VERDICT_SAFE,     /* size covers the analytic worst case, whatever the script does */
  LWIPSIM_VERDICT_MARGINAL, /* size covers the observed demand, not (or not known to cover) the worst case */
  LWIPSIM_VERDICT_UNSAFE,   /* size below the demand observed in some scenario */
};

struct lwipsim_verdict_in {
  long size;    /* configured count; -1: no count limit (pools on the heap) */
  long demand;  /* largest peak over the demand runs */
  long bound;   /* analytic worst case; -1: not known */
  long floor;   /* smallest value lwIP accepts (SYS_TIMEOUT: LWIP_NUM_SYS_TIMEOUT_INTERNAL); -1: none */
  long reloads; /* the bound holds for at most this many reloads (it grows with the script); -1: fixed */
};

struct lwipsim_verdict_out {
  enum lwipsim_verdict verdict;
  long recommended;  /* never below demand; never below bound when known */
  char missing[128]; /* MARGINAL: what is missing for SAFE ("no bound known", ...); "" otherwise */
};

void lwipsim_verdict_decide(const struct lwipsim_verdict_in *in, struct lwipsim_verdict_out *out);
const char *lwipsim_verdict_name(enum lwipsim_verdict v);
/* Inverse of lwipsim_verdict_name; -1 for an unknown string. */
int lwipsim_verdict_parse(const char *s);

#endif
