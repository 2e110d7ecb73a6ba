#ifndef LWIPSIM_TEST_REPLAY_HEADERS_H
#define LWIPSIM_TEST_REPLAY_HEADERS_H

#include <check.h>

Suite *headers_suite(void);

#endif
