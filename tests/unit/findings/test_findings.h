#ifndef LWIPSIM_TEST_FINDINGS_H
#define LWIPSIM_TEST_FINDINGS_H

#include <check.h>

Suite *findings_suite(void);

#endif
