#include "compare/compare.h"

#include <stdio.h>
#include <string.h>

#include "common/json_get.h"

/* lwIP prints a pool under its description (memp_std.h's last argument),
 * which is the pool's name but for one; the heap is "MEM" (stats.c,
 * stats_init). */
static const char *record_name(const char *device_name)
{
  if (strcmp(device_name, "PBUF_REF/ROM") == 0) {
    return "PBUF";
  }
  if (strcmp(device_name, "MEM") == 0) {
    return "HEAP";
  }
  return device_name;
}

static double number_or(const cJSON *item, double fallback)
{
  return cJSON_IsNumber(item) ? item->valuedouble : fallback;
}

/* From the pool's timeline ([[ms, used], ...], docs/run-record.md): the
 * highest level reached by at_ms and the level at at_ms. The timeline keeps
 * each bucket's highest point, so the first is exact to a bucket. */
static void timeline_at(const cJSON *pool, long long at_ms, long *peak, long *level)
{
  *peak = 0;
  *level = 0;
  const cJSON *point;
  cJSON_ArrayForEach(point, cJSON_GetObjectItemCaseSensitive(pool, "timeline"))
  {
    double t = number_or(cJSON_GetArrayItem(point, 0), -1), v = number_or(cJSON_GetArrayItem(point, 1), 0);
    if (t < 0 || t > (double)at_ms) {
      break;
    }
    *level = (long)v;
    if ((long)v > *peak) {
      *peak = (long)v;
    }
  }
}

static void fill_from_record(struct lwipsim_compare_row *row, const cJSON *record, long long at_ms)
{
  if (strcmp(row->pool, "HEAP") == 0) {
    const cJSON *heap = cJSON_GetObjectItemCaseSensitive(record, "heap");
    if (cJSON_IsObject(heap)) {
      row->in_record = 1;
      row->sim_size = -1;
      row->sim_peak = lwipsim_jlong(heap, "peak_bytes", 0);
      row->sim_failed = lwipsim_jlong(heap, "failed", 0);
      row->sim_level = -1;
    }
    return;
  }
  const cJSON *pool = lwipsim_record_pool(record, row->pool);
  if (pool == NULL) {
    return;
  }
  row->in_record = 1;
  const cJSON *size = cJSON_GetObjectItemCaseSensitive(pool, "size");
  row->sim_size = cJSON_IsNumber(size) ? (long)size->valuedouble : -1;
  row->sim_failed = lwipsim_jlong(pool, "failed", 0);
  if (at_ms < 0) {
    row->sim_peak = lwipsim_jlong(pool, "peak", 0);
    row->sim_level = -1;
    return;
  }
  timeline_at(pool, at_ms, &row->sim_peak, &row->sim_level);
  const cJSON *first = cJSON_GetObjectItemCaseSensitive(pool, "first_failure_ms");
  if (!cJSON_IsNumber(first) || first->valuedouble > (double)at_ms) {
    row->sim_failed = 0; /* none yet at the dump's time */
  }
}

static enum lwipsim_compare_flag judge(const struct lwipsim_compare_row *row, unsigned tolerance)
{
  if (!row->on_device || !row->in_record) {
    return LWIPSIM_CMP_NOT_COMPARED;
  }
  if (strcmp(row->pool, "HEAP") == 0) {
    return LWIPSIM_CMP_NOT_COMPARED; /* bytes depend on the build's pointer width and allocator */
  }
  if (row->dev_err > 0 && row->sim_failed == 0) {
    return LWIPSIM_CMP_DEVICE_FAILED;
  }
  if ((long)row->dev_max > row->sim_peak + (long)tolerance) {
    return LWIPSIM_CMP_DEVICE_ABOVE;
  }
  if (row->sim_failed > 0 && row->dev_err == 0) {
    return LWIPSIM_CMP_SIM_FAILED;
  }
  return LWIPSIM_CMP_AGREE;
}

static struct lwipsim_compare_row *add_row(struct lwipsim_compare *out, const char *pool)
{
  for (size_t i = 0; i < out->n; i++) {
    if (strcmp(out->rows[i].pool, pool) == 0) {
      return &out->rows[i];
    }
  }
  if (out->n == LWIPSIM_COMPARE_MAX_ROWS) {
    return NULL;
  }
  struct lwipsim_compare_row *row = &out->rows[out->n++];
  memset(row, 0, sizeof *row);
  snprintf(row->pool, sizeof row->pool, "%s", pool);
  row->sim_size = -1;
  row->sim_level = -1;
  return row;
}

void lwipsim_compare_dump(const struct lwipsim_stats_dump *dump, const cJSON *record, long long at_ms,
                          unsigned tolerance, struct lwipsim_compare *out)
{
  out->n = 0;
  out->disagree = 0;
  /* the record's pools first, in its order; then what only the device has */
  const cJSON *pool;
  cJSON_ArrayForEach(pool, cJSON_GetObjectItemCaseSensitive(record, "pools"))
  {
    add_row(out, lwipsim_jstr(pool, "name", "?"));
  }
  for (size_t i = 0; i < dump->n; i++) {
    const struct lwipsim_stats_entry *e = &dump->entries[i];
    struct lwipsim_compare_row *row = add_row(out, record_name(e->name));
    if (row == NULL) {
      continue;
    }
    row->on_device = 1;
    row->dev_avail = e->avail;
    row->dev_used = e->used;
    row->dev_max = e->max;
    row->dev_err = e->err;
  }
  for (size_t i = 0; i < out->n; i++) {
    struct lwipsim_compare_row *row = &out->rows[i];
    fill_from_record(row, record, at_ms);
    const cJSON *p = lwipsim_record_pool(record, row->pool);
    row->size_differs = row->on_device && p != NULL && lwipsim_jlong(p, "configured", -1) != (long)row->dev_avail;
    row->flag = judge(row, tolerance);
    if (row->flag != LWIPSIM_CMP_AGREE && row->flag != LWIPSIM_CMP_NOT_COMPARED) {
      out->disagree++;
    }
  }
}

const char *lwipsim_compare_flag_text(enum lwipsim_compare_flag flag)
{
  switch (flag) {
  case LWIPSIM_CMP_AGREE: return "agree";
  case LWIPSIM_CMP_DEVICE_ABOVE: return "DEVICE ABOVE: the device used more; the recording missed something";
  case LWIPSIM_CMP_DEVICE_FAILED: return "DEVICE FAILED: the device ran out, the simulation did not";
  case LWIPSIM_CMP_SIM_FAILED: return "SIMULATION FAILED: the scenario is harsher than the field";
  case LWIPSIM_CMP_NOT_COMPARED: return "not compared";
  }
  return "?";
}
