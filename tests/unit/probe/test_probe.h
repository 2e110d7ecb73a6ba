#ifndef LWIPSIM_TEST_PROBE_H
#define LWIPSIM_TEST_PROBE_H

#include <check.h>

#include "lwipsim_unit_lwip.h"

Suite *probe_suite(void);

#endif
