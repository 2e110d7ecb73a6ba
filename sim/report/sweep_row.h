/* One row of a sweep (one capped run), from its run record. */
#ifndef LWIPSIM_REPORT_SWEEP_ROW_H
#define LWIPSIM_REPORT_SWEEP_ROW_H

#include <stdio.h>

#include <cjson/cJSON.h>

/* {"value", "outcome", "exit_code", "end_time_ms", "duration_ms", "peak",
 *  "failed", "first_failure_ms", "failed_pool", "site"}: peak and failed are
 * the swept pool's; the failure fields describe the run's earliest failing
 * pool (the swept one when it failed), site being the handler being armed
 * (SYS_TIMEOUT) or the caller of memp_malloc, else the panic's arming. */
cJSON *lwipsim_sweep_row(const cJSON *record, const char *pool, long value);

/* The sweep table as `lwipsim sweep` prints it. */
void lwipsim_sweep_print(FILE *out, const cJSON *rows);

/* Smallest value from which every row of every scenario in `scenarios`
 * ([{"rows": [...]}, ...]) is ok, or -1 when the largest value is not ok. */
long lwipsim_sweep_smallest_ok(const cJSON *scenarios);

#endif
