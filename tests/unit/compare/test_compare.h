#ifndef LWIPSIM_TEST_COMPARE_H
#define LWIPSIM_TEST_COMPARE_H

#include <check.h>

Suite *compare_suite(void);

#endif
