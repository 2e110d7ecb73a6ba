/* The recorded scenario's files: scenario.ini (the script as given, the
 * device's MAC, the capture's start in virtual time, the peers) and
 * RECORDING.md (how it was recorded and what the peers saw). */
#ifndef LWIPSIM_SCENARIO_OUT_H
#define LWIPSIM_SCENARIO_OUT_H

#include <stddef.h>

struct lwipsim_recording;

int lwipsim_scenario_out_ini(const struct lwipsim_recording *rec, char *err, size_t errlen);
int lwipsim_scenario_out_readme(const struct lwipsim_recording *rec, char *err, size_t errlen);

#endif
