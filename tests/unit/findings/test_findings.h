#ifndef LWIPSIM_TEST_FINDINGS_H
#define LWIPSIM_TEST_FINDINGS_H

#include <check.h>

#include "lwipsim_unit_lwip.h"

Suite *findings_suite(void);

#endif
