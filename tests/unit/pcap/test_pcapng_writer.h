#ifndef LWIPSIM_TEST_PCAPNG_WRITER_H
#define LWIPSIM_TEST_PCAPNG_WRITER_H

#include <check.h>

Suite *pcapng_writer_suite(void);

#endif
