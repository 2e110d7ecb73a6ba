/* A pool's timeline in bounded memory: the run's duration is cut into
 * LWIPSIM_TIMELINE_BUCKETS equal buckets (bucket of time t: t * BUCKETS /
 * duration, the instant t = duration its own), and each bucket keeps two of
 * the changes that fell into it: the first at its highest level, and the last
 * (when it is a later change), which is the level the bucket left. Memory and
 * the record's size no longer grow with the run's length; the peak point
 * ([peak_ms, peak]) is always one of the kept points. The report's plots
 * (sim/report/report_build.c) thin the same way with the same buckets, so
 * they look as they did with every change kept. */
#ifndef LWIPSIM_TIMELINE_H
#define LWIPSIM_TIMELINE_H

#include <stddef.h>
#include <stdint.h>

#include "stack/state/run_state.h"

#define LWIPSIM_TIMELINE_BUCKETS 300
/* Buckets 0..BUCKETS (the last holds only t = duration and anything later,
 * which a live run can reach), two points each. */
#define LWIPSIM_TIMELINE_MAX_POINTS (2 * (LWIPSIM_TIMELINE_BUCKETS + 1))

struct lwipsim_timeline {
  uint64_t duration_ms;
  size_t n; /* points of closed buckets */
  struct lwipsim_timeline_point points[LWIPSIM_TIMELINE_MAX_POINTS];
  int open; /* a bucket has changes not in points[] yet */
  uint64_t bucket;
  uint64_t open_until_ms; /* the open bucket's end: earlier changes fall into it, no division asked */
  struct lwipsim_timeline_point high, last;
  int has_last; /* last is a change after high */
};

/* Empty, with buckets sized to cover duration_ms (0: one bucket). */
void lwipsim_timeline_init(struct lwipsim_timeline *t, uint64_t duration_ms);

/* A change that opens a bucket (lwipsim_timeline_add's slow path). */
void lwipsim_timeline_add_opening(struct lwipsim_timeline *t, uint64_t time_ms, uint32_t used);

/* A change inside the open bucket: the first change at a new highest level,
 * else the last one. */
static inline void lwipsim_timeline_in_bucket(struct lwipsim_timeline *t, uint64_t time_ms, uint32_t used)
{
  if (used > t->high.used) {
    t->high = (struct lwipsim_timeline_point){ time_ms, used };
    t->has_last = 0;
  } else {
    t->last = (struct lwipsim_timeline_point){ time_ms, used };
    t->has_last = 1;
  }
}

/* A change: used elements at time_ms (times never go back). Inline: every
 * memp alloc and free comes here, nearly always inside the open bucket. */
static inline void lwipsim_timeline_add(struct lwipsim_timeline *t, uint64_t time_ms, uint32_t used)
{
  if (!t->open || time_ms >= t->open_until_ms) {
    lwipsim_timeline_add_opening(t, time_ms, used);
  } else {
    lwipsim_timeline_in_bucket(t, time_ms, used);
  }
}

/* The kept points in time order, the open bucket's included (it stays open:
 * later changes still go into it). */
const struct lwipsim_timeline_point *lwipsim_timeline_points(struct lwipsim_timeline *t, size_t *n);

#endif
