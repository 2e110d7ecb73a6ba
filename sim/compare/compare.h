/* A device's own lwIP statistics beside a run record: for each pool, what
 * the device saw (max, err) and what the simulation saw (peak, failed), and
 * whether they disagree. */
#ifndef LWIPSIM_COMPARE_COMPARE_H
#define LWIPSIM_COMPARE_COMPARE_H

#include <cjson/cJSON.h>
#include <stdint.h>

#include "compare/stats_text.h"

enum lwipsim_compare_flag {
  LWIPSIM_CMP_AGREE,
  LWIPSIM_CMP_DEVICE_ABOVE,  /* the device used more than the simulation: the recording missed something */
  LWIPSIM_CMP_DEVICE_FAILED, /* the device ran out where the simulation did not */
  LWIPSIM_CMP_SIM_FAILED,    /* the simulation ran out where the device did not: harsher than the field */
  LWIPSIM_CMP_NOT_COMPARED,  /* a figure is missing on one side, or the heap's host bytes */
};

struct lwipsim_compare_row {
  char pool[LWIPSIM_STATS_NAME_MAX]; /* the record's name (lwIP's PBUF_REF/ROM is PBUF; the heap is HEAP) */
  int on_device, in_record;
  uint32_t dev_avail, dev_used, dev_max, dev_err;
  long sim_size; /* -1: not a fixed pool (heap-backed, or the heap) */
  long sim_peak, sim_failed, sim_level;
  int size_differs;
  enum lwipsim_compare_flag flag;
};

#define LWIPSIM_COMPARE_MAX_ROWS (LWIPSIM_STATS_MAX_ENTRIES + 16)

struct lwipsim_compare {
  struct lwipsim_compare_row rows[LWIPSIM_COMPARE_MAX_ROWS];
  size_t n;
  unsigned disagree; /* rows flagged DEVICE_ABOVE, DEVICE_FAILED or SIM_FAILED */
};

/* Compares one dump with the record. at_ms < 0: the dump was taken at the
 * run's end (the simulation's whole run counts); otherwise at that virtual
 * time (the simulation's peak up to then, from its timeline, and its level
 * then). tolerance: elements the device may exceed the simulation by. */
void lwipsim_compare_dump(const struct lwipsim_stats_dump *dump, const cJSON *record, long long at_ms,
                          unsigned tolerance, struct lwipsim_compare *out);

const char *lwipsim_compare_flag_text(enum lwipsim_compare_flag flag);

#endif
