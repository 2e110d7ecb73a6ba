/* Turns run records into the report (report.json's tree), which every
 * renderer reads. lwIP-independent: records in, verdicts out.
 *
 * input: {"scenarios": [{"name", "description"}],
 *         "profiles": [{"name", "lwip_version", "assert_policy", "description",
 *                       "runs": [{"scenario", "faithful": RECORD, "demand": RECORD}],
 *                       "sweeps": [{"pool", "lo", "hi",
 *                                   "scenarios": [{"scenario", "rows": [SWEEP_ROW]}]}]}]}
 * where RECORD is a run record (docs/run-record.md) and SWEEP_ROW comes from
 * lwipsim_sweep_row(). The output follows docs/report.schema.json. */
#ifndef LWIPSIM_REPORT_BUILD_H
#define LWIPSIM_REPORT_BUILD_H

#include <cjson/cJSON.h>

cJSON *lwipsim_report_build(const cJSON *input);

/* The default sweep range for POOL over a profile's runs (input format):
 * a few values either side of the configured size, the observed demand and
 * the bound. Returns 0, or -1 when the pool has no count limit. */
int lwipsim_report_sweep_range(const cJSON *runs, const char *pool, long *lo, long *hi);

/* How many verdicts in the report trip the gate: UNSAFE ones, plus MARGINAL
 * ones when marginal is set. */
int lwipsim_report_gate_count(const cJSON *report, int marginal);

#endif
