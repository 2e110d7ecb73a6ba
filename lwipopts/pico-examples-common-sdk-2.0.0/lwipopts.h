/*
 * lwipsim profile: a pico-examples Pico W example whose lwipopts.h is only
 * the shared header, at pico-examples tag sdk-2.0.0 (commit 7fe60d6b).
 *
 * At that tag pico_w/wifi/{tcp_server,tcp_client,ntp_client,udp_beacon}/lwipopts.h
 * each consist of an include guard and one line,
 *   #include "lwipopts_examples_common.h"
 * (pico-examples@sdk-2.0.0 pico_w/wifi/tcp_server/lwipopts.h:8). The examples'
 * CMakeLists add pico_w/wifi to the include path; here the shared header sits
 * next to this file (lwipopts_examples_common.h, cited line by line).
 */
#ifndef LWIPSIM_PICO_EXAMPLES_COMMON_SDK_2_0_0_LWIPOPTS_H
#define LWIPSIM_PICO_EXAMPLES_COMMON_SDK_2_0_0_LWIPOPTS_H

/* pico-examples@sdk-2.0.0 pico_w/wifi/tcp_server/lwipopts.h:8 */
#include "lwipopts_examples_common.h"

#endif /* LWIPSIM_PICO_EXAMPLES_COMMON_SDK_2_0_0_LWIPOPTS_H */
