#ifndef LWIPSIM_TEST_JSON_OUT_H
#define LWIPSIM_TEST_JSON_OUT_H

#include <check.h>

Suite *json_out_suite(void);

#endif
