/*
 * lwipsim profile: pico-examples' Pico W "ntp_system_time" example, which
 * runs lwIP's own SNTP client and sets the always-on timer from it.
 *
 * Sources, and why two of them:
 *   - The shared options, lwipopts_examples_common.h (next to this file), are
 *     taken at pico-examples tag sdk-2.0.0 (commit 7fe60d6b). They have the
 *     same values at sdk-2.2.0 (the only change is a #ifndef guard around
 *     MEM_SIZE).
 *   - The example itself is not in any pico-examples release: no tag up to
 *     sdk-2.2.0 has pico_w/wifi/ntp_system_time, and neither does the develop
 *     branch we could read (last commit 2025-08-27). It was added by
 *     raspberrypi/pico-examples pull request #716 ("add example
 *     pico_w/wifi/ntp_system_time", merged after review in late October
 *     2025). Its lwipopts.h is cited from the stored copy at commit
 *     cefc902f53cdcc1f1d4ae71d02c3d4930bdcdb01 (lines below, 'cefc902f').
 *     An earlier stored version (12a610f2) differs only in setting
 *     SNTP_COMP_ROUNDTRIP to 1 unconditionally; we could not tell which one
 *     was merged, and chose cefc902f because it carries the Pico W
 *     (RP2040) case explicitly.
 *
 * Build switch passed by the example's build, defined here because lwipsim
 * has no such command line:
 *   - DISABLE_SNTP_COMP_ROUNDTRIP: pico_w/wifi/ntp_system_time/CMakeLists.txt
 *     @cefc902f:20-24 adds it when PICO_PLATFORM is rp2040 (Pico W), because
 *     the RP2040 always-on timer counts whole seconds. This profile models the
 *     Pico W, so SNTP_COMP_ROUNDTRIP resolves to 0.
 *
 * Firmware hooks kept as the example ships them:
 *   - SNTP_GET_SYSTEM_TIME(sec, us) -> sntp_get_system_time_us(&sec, &us)
 *   - SNTP_SET_SYSTEM_TIME_US(sec, us) -> sntp_set_system_time_us(sec, us)
 *     (both defined in the example's ntp_system_time.c; declared below as the
 *     header declares them). lwipsim's port turns these known time hooks into
 *     recording no-ops.
 *   - SNTP_STARTUP_DELAY_FUNC uses LWIP_RAND(), which lwipsim always maps to
 *     its seeded PRNG.
 *
 * MEMP_NUM_SYS_TIMEOUT = LWIP_NUM_SYS_TIMEOUT_INTERNAL + 1 = 7 (6 core + 1
 * for SNTP's single timer).
 *
 * lwIP: the example needs pico-sdk >= 2.0 (pico_aon_timer). pico-sdk
 * 2.0.0-2.1.1 ship lwIP 2.2.0, pico-sdk 2.2.0 (current when #716 merged)
 * ships 2.2.1; lwipsim builds it with 2.2.1.
 */
#ifndef LWIPSIM_PICO_EXAMPLES_NTP_SDK_2_0_0_LWIPOPTS_H
#define LWIPSIM_PICO_EXAMPLES_NTP_SDK_2_0_0_LWIPOPTS_H

/* ---- firmware build flag (see above) ---- */
#ifndef DISABLE_SNTP_COMP_ROUNDTRIP
#define DISABLE_SNTP_COMP_ROUNDTRIP /* pico-examples@cefc902f pico_w/wifi/ntp_system_time/CMakeLists.txt:20-24 (rp2040) */
#endif

/* ---- shared example options ---- */
#include "lwipopts_examples_common.h"                 /* pico-examples@cefc902f pico_w/wifi/ntp_system_time/lwipopts.h:8 */

/* ---- SNTP option group of the example ---- */
#define MEMP_NUM_SYS_TIMEOUT            (LWIP_NUM_SYS_TIMEOUT_INTERNAL+1) /* pico-examples@cefc902f pico_w/wifi/ntp_system_time/lwipopts.h:11 */
#define SNTP_MAX_SERVERS                LWIP_DHCP_MAX_NTP_SERVERS /* pico-examples@cefc902f pico_w/wifi/ntp_system_time/lwipopts.h:12 */
#define SNTP_GET_SERVERS_FROM_DHCP      LWIP_DHCP_GET_NTP_SRV /* pico-examples@cefc902f pico_w/wifi/ntp_system_time/lwipopts.h:13 */
#define SNTP_SERVER_DNS                 1                /* pico-examples@cefc902f pico_w/wifi/ntp_system_time/lwipopts.h:14 */
#define SNTP_SERVER_ADDRESS             "pool.ntp.org"   /* pico-examples@cefc902f pico_w/wifi/ntp_system_time/lwipopts.h:15 */
#define SNTP_DEBUG                      LWIP_DBG_ON      /* pico-examples@cefc902f pico_w/wifi/ntp_system_time/lwipopts.h:17 */
#define SNTP_PORT                       LWIP_IANA_PORT_SNTP /* pico-examples@cefc902f pico_w/wifi/ntp_system_time/lwipopts.h:18 */
#define SNTP_CHECK_RESPONSE             2                /* pico-examples@cefc902f pico_w/wifi/ntp_system_time/lwipopts.h:20 */
#ifdef DISABLE_SNTP_COMP_ROUNDTRIP
#define SNTP_COMP_ROUNDTRIP             0                /* pico-examples@cefc902f pico_w/wifi/ntp_system_time/lwipopts.h:26 */
#else
#define SNTP_COMP_ROUNDTRIP             1                /* pico-examples@cefc902f pico_w/wifi/ntp_system_time/lwipopts.h:28 */
#endif
#define SNTP_STARTUP_DELAY              1                /* pico-examples@cefc902f pico_w/wifi/ntp_system_time/lwipopts.h:31 */
#define SNTP_STARTUP_DELAY_FUNC         (LWIP_RAND() % 5000) /* pico-examples@cefc902f pico_w/wifi/ntp_system_time/lwipopts.h:32 */
#define SNTP_RECV_TIMEOUT               15000            /* pico-examples@cefc902f pico_w/wifi/ntp_system_time/lwipopts.h:33 */
#define SNTP_UPDATE_DELAY               3600000          /* pico-examples@cefc902f pico_w/wifi/ntp_system_time/lwipopts.h:35 */
#define SNTP_RETRY_TIMEOUT              SNTP_RECV_TIMEOUT /* pico-examples@cefc902f pico_w/wifi/ntp_system_time/lwipopts.h:36 */
#define SNTP_RETRY_TIMEOUT_MAX          (SNTP_RETRY_TIMEOUT * 10) /* pico-examples@cefc902f pico_w/wifi/ntp_system_time/lwipopts.h:37 */
#define SNTP_RETRY_TIMEOUT_EXP          1                /* pico-examples@cefc902f pico_w/wifi/ntp_system_time/lwipopts.h:38 */
#define SNTP_MONITOR_SERVER_REACHABILITY 1               /* pico-examples@cefc902f pico_w/wifi/ntp_system_time/lwipopts.h:39 */

/* ---- time hooks, as shipped ---- */
#define SNTP_GET_SYSTEM_TIME(sec, us)       sntp_get_system_time_us(&(sec), &(us)) /* pico-examples@cefc902f pico_w/wifi/ntp_system_time/lwipopts.h:42 */
#define SNTP_SET_SYSTEM_TIME_US(sec, us)    sntp_set_system_time_us(sec, us)       /* pico-examples@cefc902f pico_w/wifi/ntp_system_time/lwipopts.h:43 */

/* declarations of the hooks, as in the example's header (pico-examples@cefc902f pico_w/wifi/ntp_system_time/lwipopts.h:46-48) */
#include "stdint.h"
void sntp_set_system_time_us(uint32_t sec, uint32_t us);
void sntp_get_system_time_us(uint32_t *sec_ptr, uint32_t *us_ptr);

#endif /* LWIPSIM_PICO_EXAMPLES_NTP_SDK_2_0_0_LWIPOPTS_H */
