#ifndef LWIPSIM_TEST_EXPLORE_H
#define LWIPSIM_TEST_EXPLORE_H

#include <check.h>

Suite *explore_suite(void);

#endif
