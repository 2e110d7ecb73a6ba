#ifndef LWIPSIM_TEST_SCENARIO_ACTIONS_H
#define LWIPSIM_TEST_SCENARIO_ACTIONS_H

#include <check.h>

#include "scenario/scenario.h"

Suite *scenario_actions_suite(void);

/* Shared with the other action tests (test_scenario_netifs.c): one [script]
 * value parsed, asserting success; or refused with exactly want. */
struct lwipsim_action parse_ok(const char *value);
void parse_bad(const char *value, const char *want);

#endif
