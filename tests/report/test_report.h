#ifndef LWIPSIM_TEST_REPORT_H
#define LWIPSIM_TEST_REPORT_H

#include <check.h>

Suite *verdict_suite(void);
Suite *report_suite(void);
Suite *sweep_suite(void);
Suite *lwipopts_suite(void);

#endif
