#ifndef LWIPSIM_TEST_ANALYSIS_H
#define LWIPSIM_TEST_ANALYSIS_H

#include <check.h>

Suite *analysis_suite(void);

#endif
