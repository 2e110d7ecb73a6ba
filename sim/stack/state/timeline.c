#include "stack/state/timeline.h"

#include <string.h>

void lwipsim_timeline_init(struct lwipsim_timeline *t, uint64_t duration_ms)
{
  memset(t, 0, sizeof *t);
  t->duration_ms = duration_ms;
}

static uint64_t bucket_of(const struct lwipsim_timeline *t, uint64_t time_ms)
{
  if (t->duration_ms == 0 || time_ms >= t->duration_ms) {
    return t->duration_ms == 0 ? 0 : LWIPSIM_TIMELINE_BUCKETS;
  }
  /* time_ms < duration_ms, which scenario.c bounds far below 2^64 / BUCKETS */
  return time_ms * LWIPSIM_TIMELINE_BUCKETS / t->duration_ms;
}

/* The first instant of the bucket after b: the least t with
 * t * BUCKETS / duration > b. */
static uint64_t bucket_end(const struct lwipsim_timeline *t, uint64_t b)
{
  if (t->duration_ms == 0 || b >= LWIPSIM_TIMELINE_BUCKETS) {
    return UINT64_MAX;
  }
  return ((b + 1) * t->duration_ms + LWIPSIM_TIMELINE_BUCKETS - 1) / LWIPSIM_TIMELINE_BUCKETS;
}

/* The open bucket's points after the closed ones, at most two. */
static size_t put_open(struct lwipsim_timeline *t)
{
  size_t n = t->n;
  if (t->open) {
    t->points[n++] = t->high;
    if (t->has_last) {
      t->points[n++] = t->last;
    }
  }
  return n;
}

void lwipsim_timeline_add_opening(struct lwipsim_timeline *t, uint64_t time_ms, uint32_t used)
{
  struct lwipsim_timeline_point p = { time_ms, used };
  uint64_t b = bucket_of(t, time_ms);
  if (t->open && b != t->bucket) {
    t->n = put_open(t);
    t->open = 0;
  }
  if (!t->open) {
    t->open = 1;
    t->bucket = b;
    t->open_until_ms = bucket_end(t, b);
    t->high = p;
    t->has_last = 0;
    return;
  }
  /* the same bucket after all (open_until_ms is its end, so only a time
   * that went back lands here) */
  lwipsim_timeline_in_bucket(t, time_ms, used);
}

const struct lwipsim_timeline_point *lwipsim_timeline_points(struct lwipsim_timeline *t, size_t *n)
{
  *n = put_open(t);
  return t->points;
}
