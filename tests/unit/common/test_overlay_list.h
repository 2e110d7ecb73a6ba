#ifndef LWIPSIM_TEST_OVERLAY_LIST_H
#define LWIPSIM_TEST_OVERLAY_LIST_H

#include <check.h>

Suite *overlay_list_suite(void);

#endif
