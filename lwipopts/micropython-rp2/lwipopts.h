/*
 * lwipsim profile: MicroPython rp2 port (Pico W / CYW43), IPv4 + IPv6.
 *
 * Firmware file modelled: micropython/micropython ports/rp2/lwip_inc/lwipopts.h
 * as stored at commit 09ebdf6689341facefe9d37351e71456d19c26d6 ("R:<line>"
 * below is the line in that copy). It is the rp2 header after
 *   - PR #15422 (merged 2024-07, "ports/rp2: Enable ipv6 per default for rp2."):
 *     LWIP_IPV6 1, LWIP_ND6_NUM_DESTINATIONS 4, LWIP_ND6_QUEUEING 0;
 *   - PR #16623 (merged 2025-01, "ports: increase LWIP timers for ports with
 *     mDNS support"): _MDNS_TIMERS = 2 + 5 * (IPv4 + IPv6) added to
 *     LWIP_NUM_SYS_TIMEOUT_INTERNAL;
 * and before the header was folded into extmod's common lwIP options.
 *
 * Firmware build switches resolved here (not left as #if):
 *   - MICROPY_PY_LWIP_PPP = 0: rp2's mpconfigport.h sets it to
 *     MICROPY_PY_NETWORK_PPP_LWIP, which defaults to (0) there; so PPP_SUPPORT,
 *     PAP_SUPPORT, CHAP_SUPPORT stay at lwIP's defaults (0).
 *
 * Left out on purpose (the simulator provides platform/arch things):
 *   - #include "py/mpconfig.h" (only needed for the switch above)
 *   - SYS_ARCH_DECL_PROTECT / SYS_ARCH_PROTECT / SYS_ARCH_UNPROTECT no-op
 *     macros and `typedef uint32_t sys_prot_t` (R:7-9, R:65): the sim's port
 *     is NO_SYS with no-op protection already
 *   - LWIP_RAND() = rosc_random_u32() (R:55-56): the sim replaces LWIP_RAND
 *     with a seeded PRNG in every profile (listed in each run record)
 *   - `#define sys_jiffies sys_now` (R:68): PPP only
 *
 * lwIP used by the firmware: MicroPython's lib/lwip submodule, STABLE-2_2_0
 * and, since PR #17015 (2025-03, "lib/lwip: Update lwIP to
 * STABLE-2_2_1_RELEASE"), 2.2.1. The simulator runs upstream 2.2.1, whose
 * timer and mDNS code matches 2.2.0 (facts section 0).
 *
 * Assert policy: rp2's lwip_inc/arch/cc.h:6 makes LWIP_PLATFORM_ASSERT a
 * no-op (facts section 3), so profile.ini says `silent`.
 */
#ifndef LWIPSIM_PROFILE_MICROPYTHON_RP2_LWIPOPTS_H
#define LWIPSIM_PROFILE_MICROPYTHON_RP2_LWIPOPTS_H

#define NO_SYS                          1   /* R:11 */
#define SYS_LIGHTWEIGHT_PROT            1   /* R:12 */
#define MEM_ALIGNMENT                   4   /* R:13 */

#define LWIP_CHKSUM_ALGORITHM           3   /* R:15 */
#define LWIP_CHECKSUM_CTRL_PER_NETIF    1   /* R:17 */

#define LWIP_ARP                        1   /* R:19 */
#define LWIP_ETHERNET                   1   /* R:20 */
#define LWIP_RAW                        1   /* R:21 */
#define LWIP_NETCONN                    0   /* R:22 */
#define LWIP_SOCKET                     0   /* R:23 */
#define LWIP_STATS                      0   /* R:24 */
#define LWIP_NETIF_HOSTNAME             1   /* R:25 */
#define LWIP_NETIF_EXT_STATUS_CALLBACK  1   /* R:26 */
#define LWIP_NETIF_STATUS_CALLBACK      1   /* R:27 */

#define LWIP_IPV4                       1   /* R:29 */
#define LWIP_IPV6                       1   /* R:30 */
#define LWIP_ND6_NUM_DESTINATIONS       4   /* R:31 */
#define LWIP_ND6_QUEUEING               0   /* R:32 */
#define LWIP_DHCP                       1   /* R:33 */
#define LWIP_DHCP_CHECK_LINK_UP         1   /* R:34 */
#define LWIP_DHCP_DOES_ACD_CHECK        0   /* R:35 */
#define LWIP_DNS                        1   /* R:36 */
#define LWIP_DNS_SUPPORT_MDNS_QUERIES   1   /* R:37 */
#define LWIP_MDNS_RESPONDER             1   /* R:38 */
#define LWIP_IGMP                       1   /* R:39 */

#define LWIP_NUM_NETIF_CLIENT_DATA      LWIP_MDNS_RESPONDER          /* R:47 */
#define MEMP_NUM_UDP_PCB                (4 + LWIP_MDNS_RESPONDER)    /* R:48 */
#define _MDNS_TIMERS                    (2 + (5 * (LWIP_IPV4 + LWIP_IPV6)))  /* R:49 */
#define MEMP_NUM_SYS_TIMEOUT            (LWIP_NUM_SYS_TIMEOUT_INTERNAL + (LWIP_MDNS_RESPONDER * _MDNS_TIMERS)) /* R:50 */

#define SO_REUSE                        1   /* R:52 */
#define TCP_LISTEN_BACKLOG              1   /* R:53 */

#define MEM_SIZE                        (8000)          /* R:59 */
#define TCP_MSS                         (800)           /* R:60 */
#define TCP_WND                         (8 * TCP_MSS)   /* R:61 */
#define TCP_SND_BUF                     (8 * TCP_MSS)   /* R:62 */
#define MEMP_NUM_TCP_SEG                (32)            /* R:63 */

#endif
