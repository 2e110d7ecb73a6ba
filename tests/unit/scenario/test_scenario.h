#ifndef LWIPSIM_TEST_SCENARIO_H
#define LWIPSIM_TEST_SCENARIO_H

#include <check.h>

Suite *scenario_suite(void);

#endif
