#ifndef LWIPSIM_TEST_JSON_PARSE_H
#define LWIPSIM_TEST_JSON_PARSE_H

#include <check.h>

Suite *json_parse_suite(void);

#endif
