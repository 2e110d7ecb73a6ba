#ifndef LWIPSIM_TEST_SCENARIO_NETIFS_H
#define LWIPSIM_TEST_SCENARIO_NETIFS_H

#include <check.h>

Suite *scenario_netifs_suite(void);

#endif
