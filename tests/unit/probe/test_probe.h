#ifndef LWIPSIM_TEST_PROBE_H
#define LWIPSIM_TEST_PROBE_H

#include <check.h>

Suite *probe_suite(void);

#endif
