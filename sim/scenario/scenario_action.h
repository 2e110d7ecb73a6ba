/* Internal to sim/scenario: the action and number parsers scenario.c uses. */
#ifndef LWIPSIM_SCENARIO_ACTION_H
#define LWIPSIM_SCENARIO_ACTION_H

#include "scenario/scenario.h"

#include <stddef.h>
#include <stdint.h>

/* Parses a [script] value ("static 10.0.0.2/24 gw 10.0.0.1") into act->kind and
 * its arguments; leaves time_ms and line alone. Returns 0, or -1 with a
 * one-line problem (no file or line) in msg. */
int lwipsim_scenario_parse_action(const char *value, struct lwipsim_action *act, char *msg, size_t msglen);

#endif
