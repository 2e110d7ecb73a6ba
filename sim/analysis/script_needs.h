/* Which lwIP options each device-script action needs, checked against the
 * profile's resolved options before a run starts: an action the profile's
 * header compiled out is an input error, not a link error, a crash or a line
 * in the event log. The table is in docs/scenario-format.md. */
#ifndef LWIPSIM_ANALYSIS_SCRIPT_NEEDS_H
#define LWIPSIM_ANALYSIS_SCRIPT_NEEDS_H

#include <stddef.h>

#include "common/options.h"
#include "scenario/scenario.h"

/* The options KIND needs, all of which must be non-zero (NULL-terminated;
 * empty when it needs none). */
const char *const *lwipsim_action_needs(enum lwipsim_action_kind kind);

/* Checks every action of sc's script against the profile's options (an
 * option missing from opts counts as enabled). Returns 0, or -1 with one line
 * in err for the first such action in the file:
 * "FILE:LINE: ACTION needs OPTION, which is 0 in profile NAME; use a profile
 * that enables it, or remove the action". */
int lwipsim_script_check_needs(const struct lwipsim_scenario *sc, const struct lwipsim_option *opts, size_t n_opts,
                               const char *profile, char *err, size_t errlen);

#endif
