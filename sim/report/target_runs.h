/* The chip's runs beside the host's (`lwipsim report --target rp2040`,
 * sim/cli/report_target.c): per (profile, scenario), the emulated RP2040's
 * outcome, pool peaks and failures and heap peak next to the host runner's,
 * every difference said in words. */
#ifndef LWIPSIM_REPORT_TARGET_RUNS_H
#define LWIPSIM_REPORT_TARGET_RUNS_H

#include <cjson/cJSON.h>

#include "common/strbuf.h"

/* The scenario entry's "rp2040" object from a run of the report input (its
 * "faithful" record and "rp2040" record or "rp2040_not_run" reason), or
 * NULL when the report ran no chip. */
cJSON *lwipsim_report_target_scenario(const cJSON *run);

/* The profile's section: a table, one row per scenario. Nothing when the
 * report ran no chip. */
void lwipsim_render_target_md(const cJSON *profile, struct lwipsim_sb *o);
void lwipsim_render_target_html(const cJSON *profile, struct lwipsim_sb *o);
/* junit: one testcase per (profile, scenario) the chip ran, failed when the
 * chip and the host disagree (outcome, or a pool's peak or failures). */
void lwipsim_target_junit_counts(const cJSON *report, int *tests, int *failures);
void lwipsim_render_target_junit(const cJSON *report, struct lwipsim_sb *o);

#endif
