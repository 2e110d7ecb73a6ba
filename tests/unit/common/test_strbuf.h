#ifndef LWIPSIM_TEST_STRBUF_H
#define LWIPSIM_TEST_STRBUF_H

#include <check.h>

Suite *strbuf_suite(void);

#endif
