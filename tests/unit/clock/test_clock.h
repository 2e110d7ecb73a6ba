#ifndef LWIPSIM_TEST_CLOCK_H
#define LWIPSIM_TEST_CLOCK_H

#include <check.h>

#include "lwipsim_unit_lwip.h"

Suite *clock_suite(void);

#endif
