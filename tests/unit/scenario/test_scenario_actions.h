#ifndef LWIPSIM_TEST_SCENARIO_ACTIONS_H
#define LWIPSIM_TEST_SCENARIO_ACTIONS_H

#include <check.h>

Suite *scenario_actions_suite(void);

#endif
