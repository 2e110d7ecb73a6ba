#ifndef LWIPSIM_TEST_PCAP_H
#define LWIPSIM_TEST_PCAP_H

#include <check.h>

Suite *pcap_suite(void);

#endif
