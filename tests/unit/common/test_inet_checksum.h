#ifndef LWIPSIM_TEST_INET_CHECKSUM_H
#define LWIPSIM_TEST_INET_CHECKSUM_H

#include <check.h>

Suite *inet_checksum_suite(void);

#endif
