/* `lwipsim report --target rp2040`: every (profile, scenario) the host ran,
 * run once more on the profile's firmware image in the emulated RP2040
 * (`replay --target`, sim/stack/target). Each run's record goes beside the
 * host's in the report input (run "rp2040"), or why it did not run
 * (run "rp2040_not_run"); sim/report/target_runs.c puts the figures side by
 * side. */
#ifndef LWIPSIM_CLI_REPORT_TARGET_H
#define LWIPSIM_CLI_REPORT_TARGET_H

#include <limits.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "cli/commands.h"

/* inputs: the report input's profiles (each with its "runs"), in pe's order;
 * scenarios: the folders the runs came from. Returns 0, 2 (a run could not
 * start, an unknown target) or 130/143 (interrupted). */
int lwipsim_report_target_runs(const struct lwipsim_cli *cli, const char *target,
                               const struct lwipsim_profile_entry **pe, size_t np, char (*scenarios)[PATH_MAX],
                               size_t ns, const char *scratch, int jobs, cJSON *inputs);

#endif
