/*
 * lwipsim profile: arduino-pico 4.7.1 (Raspberry Pi Pico W, menu
 * "IP/Bluetooth Stack" = IPv4 only).
 *
 * Firmware file: earlephilhower/arduino-pico, tag 4.7.1 (commit bbd65059),
 * include/lwipopts.h, reproduced line for line below, with its firmware
 * constructs kept (extern "C", SYS_ARCH_* macros over noInterrupts() /
 * interrupts(), LWIP_RAND() -> __lwip_rand(), LWIP_CHKSUM_ALGORITHM 0,
 * SNTP_SET_SYSTEM_TIME_US -> __setSystemTime(), LWIP_DEBUG 0).
 *
 * How the two variants differ. Since 4.7.0 (PR #3049) lwIP's core is no
 * longer a prebuilt library: tools/libpico/CMakeLists.txt:263-266 strips the
 * lwIP objects out of lib/<chip>/liblwip.a and the core compiles
 * the cores/rp2040/lwip sources (wrappers around pico-sdk's lib/lwip) with each
 * sketch, using the board menu's defines. The only define that differs
 * between the IPv4-only and the IPv4+IPv6 variant is LWIP_IPV6 (boards.txt,
 * rpipicow.menu.ipbtstack.ipv4only / .ipv4ipv6). Up to 4.6.x the same split
 * was made with two prebuilt libraries (tools/libpico/CMakeLists.txt@4.6.1,
 * ipv4-* with LWIP_IPV6=0, ipv4-ipv6-* with LWIP_IPV6=1).
 *
 * Command-line defines the sketch build passes to lwIP (defined first below,
 * #ifndef-guarded, since lwipsim has no such command line):
 *   - boards.txt:541 (rpipicow.menu.ipbtstack.ipv4only.build.libpicowdefs):
 *     LWIP_IPV6=0, LWIP_IPV4=1
 *   - platform.txt:52 (compiler.netdefines): LWIP_IGMP=1,
 *     LWIP_CHECKSUM_CTRL_PER_NETIF=1
 *   - __LWIP_MEMMULT is not passed (only the "- 32K" menu entries pass 2), so
 *     the header's default of 1 applies.
 *
 * MEMP_NUM_SYS_TIMEOUT is not set by the header. The default,
 * LWIP_NUM_SYS_TIMEOUT_INTERNAL, counts LWIP_ARP, which the header sets to 7
 * (commit 6024e9a7, PR #2653 "Increase LWIP timeouts to avoid MDNS panics",
 * fixes #2650): 6 extra slots on top of the core timers.
 * Resolved: 13 (TCP 1 + IP reassembly 1 + ARP 7 + DHCP 2 + IGMP 1 + DNS 1).
 *
 * Firmware symbols the header names (defined in the arduino-pico core):
 *   - noInterrupts(), interrupts(): cores/rp2040/wiring_private.cpp@4.7.1
 *     (:48 for noInterrupts); never called here: lwipsim replaces the
 *     header's SYS_ARCH_* macros with no-ops (listed in each run record).
 *   - __lwip_rand(): cores/rp2040/lwip_wrap.cpp@4.7.1:84 (lwipsim replaces
 *     LWIP_RAND with its seeded PRNG).
 *   - __setSystemTime(): cores/rp2040/posix.cpp@4.7.1:121 (lwipsim turns the
 *     SNTP time setter into a recording no-op).
 *   - lwip_standard_chksum(), needed by LWIP_CHKSUM_ALGORITHM 0:
 *     cores/rp2040/sdkoverride/inet_chksum.cpp@4.7.1:55 (lwipsim's port
 *     supplies a portable one).
 *
 * lwIP: arduino-pico 4.7.1 pins pico-sdk a1438dff = pico-sdk 2.2.0, whose
 * lib/lwip is 77dcd25a = STABLE-2_2_1_RELEASE: the same lwIP lwipsim builds.
 */
#pragma once /* arduino-pico@4.7.1 include/lwipopts.h:1 */

/* ---- sketch build defines (see above) ---- */
#ifndef LWIP_IPV6
#define LWIP_IPV6                       0  /* arduino-pico@4.7.1 boards.txt:541 */
#endif
#ifndef LWIP_IPV4
#define LWIP_IPV4                       1  /* arduino-pico@4.7.1 boards.txt:541 */
#endif
#ifndef LWIP_IGMP
#define LWIP_IGMP                       1  /* arduino-pico@4.7.1 platform.txt:52 */
#endif
#ifndef LWIP_CHECKSUM_CTRL_PER_NETIF
#define LWIP_CHECKSUM_CTRL_PER_NETIF    1  /* arduino-pico@4.7.1 platform.txt:52 */
#endif

/* ---- include/lwipopts.h ---- */
#ifdef __cplusplus                     /* arduino-pico@4.7.1 include/lwipopts.h:3-5 */
extern "C" {
#endif

/* critical sections: the core's interrupt on/off calls (arduino-pico@4.7.1 include/lwipopts.h:8-12) */
extern void noInterrupts();
extern void interrupts();
#define SYS_ARCH_DECL_PROTECT int
#define SYS_ARCH_PROTECT(lev) {(void) lev; noInterrupts();}
#define SYS_ARCH_UNPROTECT(lev) {(void) lev; interrupts();}

/* random source (arduino-pico@4.7.1 include/lwipopts.h:14-15) */
extern unsigned long __lwip_rand(void);
#define LWIP_RAND() __lwip_rand()

#ifndef __LWIP_MEMMULT                 /* arduino-pico@4.7.1 include/lwipopts.h:17-19 */
#define __LWIP_MEMMULT 1
#endif

#define NO_SYS                          1                /* arduino-pico@4.7.1 include/lwipopts.h:24 */
#define LWIP_SOCKET                     0                /* arduino-pico@4.7.1 include/lwipopts.h:25 */
#define MEM_LIBC_MALLOC                 0                /* arduino-pico@4.7.1 include/lwipopts.h:26 */
#define MEM_ALIGNMENT                   4                /* arduino-pico@4.7.1 include/lwipopts.h:28 */
#define MEM_SIZE                        (__LWIP_MEMMULT * 16384) /* arduino-pico@4.7.1 include/lwipopts.h:29 */
#define MEMP_NUM_TCP_SEG                (32)             /* arduino-pico@4.7.1 include/lwipopts.h:30 */
#define MEMP_NUM_ARP_QUEUE              (10)             /* arduino-pico@4.7.1 include/lwipopts.h:31 */
#define PBUF_POOL_SIZE                  (__LWIP_MEMMULT > 1 ? 32 : 24) /* arduino-pico@4.7.1 include/lwipopts.h:32 */
#define LWIP_ARP                        7                /* arduino-pico@4.7.1 include/lwipopts.h:33 */
#define LWIP_ETHERNET                   1                /* arduino-pico@4.7.1 include/lwipopts.h:34 */
#define LWIP_ICMP                       1                /* arduino-pico@4.7.1 include/lwipopts.h:35 */
#define LWIP_RAW                        1                /* arduino-pico@4.7.1 include/lwipopts.h:36 */
#define TCP_WND                         (8 * TCP_MSS)    /* arduino-pico@4.7.1 include/lwipopts.h:37 */
#define TCP_MSS                         1460             /* arduino-pico@4.7.1 include/lwipopts.h:38 */
#define TCP_SND_BUF                     (8 * TCP_MSS)    /* arduino-pico@4.7.1 include/lwipopts.h:39 */
#define TCP_SND_QUEUELEN                ((4 * (TCP_SND_BUF) + (TCP_MSS - 1)) / (TCP_MSS)) /* arduino-pico@4.7.1 include/lwipopts.h:40 */
#define LWIP_NETIF_STATUS_CALLBACK      1                /* arduino-pico@4.7.1 include/lwipopts.h:41 */
#define LWIP_NETIF_LINK_CALLBACK        1                /* arduino-pico@4.7.1 include/lwipopts.h:42 */
#define LWIP_NETIF_HOSTNAME             1                /* arduino-pico@4.7.1 include/lwipopts.h:43 */
#define LWIP_NUM_NETIF_CLIENT_DATA      5                /* arduino-pico@4.7.1 include/lwipopts.h:44 */
#define LWIP_NETCONN                    0                /* arduino-pico@4.7.1 include/lwipopts.h:45 */
#define LWIP_STATS                      0                /* arduino-pico@4.7.1 include/lwipopts.h:46 */
#define LWIP_STATS_DISPLAY              0                /* arduino-pico@4.7.1 include/lwipopts.h:47 */
#define MEM_STATS                       0                /* arduino-pico@4.7.1 include/lwipopts.h:48 */
#define SYS_STATS                       0                /* arduino-pico@4.7.1 include/lwipopts.h:49 */
#define MEMP_STATS                      0                /* arduino-pico@4.7.1 include/lwipopts.h:50 */
#define LINK_STATS                      0                /* arduino-pico@4.7.1 include/lwipopts.h:51 */
#define LWIP_CHKSUM_ALGORITHM           0                /* arduino-pico@4.7.1 include/lwipopts.h:52 */
#define LWIP_DHCP                       1                /* arduino-pico@4.7.1 include/lwipopts.h:53 */
#define LWIP_IPV4                       1                /* arduino-pico@4.7.1 include/lwipopts.h:54 */
#define LWIP_TCP                        1                /* arduino-pico@4.7.1 include/lwipopts.h:55 */
#define LWIP_UDP                        1                /* arduino-pico@4.7.1 include/lwipopts.h:56 */
#define LWIP_DNS                        1                /* arduino-pico@4.7.1 include/lwipopts.h:57 */
#define LWIP_DNS_SUPPORT_MDNS_QUERIES   1                /* arduino-pico@4.7.1 include/lwipopts.h:58 */
#define LWIP_TCP_KEEPALIVE              1                /* arduino-pico@4.7.1 include/lwipopts.h:59 */
#define LWIP_NETIF_TX_SINGLE_PBUF       1                /* arduino-pico@4.7.1 include/lwipopts.h:60 */
#define DHCP_DOES_ARP_CHECK             0                /* arduino-pico@4.7.1 include/lwipopts.h:61 */
#define LWIP_DHCP_DOES_ACD_CHECK        0                /* arduino-pico@4.7.1 include/lwipopts.h:62 */
#define LWIP_IGMP                       1                /* arduino-pico@4.7.1 include/lwipopts.h:63 */
#define LWIP_MDNS_RESPONDER             1                /* arduino-pico@4.7.1 include/lwipopts.h:64 */
#define MDNS_MAX_SERVICES               4                /* arduino-pico@4.7.1 include/lwipopts.h:65 */
#define MEMP_NUM_UDP_PCB                (__LWIP_MEMMULT * 7) /* arduino-pico@4.7.1 include/lwipopts.h:68 */
#define MEMP_NUM_TCP_PCB                (__LWIP_MEMMULT * 5) /* arduino-pico@4.7.1 include/lwipopts.h:69 */
#if LWIP_IPV6
#define LWIP_IPV6_DHCP6                 1                /* arduino-pico@4.7.1 include/lwipopts.h:72 */
#define LWIP_IPV6_MLD                   1                /* arduino-pico@4.7.1 include/lwipopts.h:73 */
#endif

/* SNTP: time setter hook and servers (arduino-pico@4.7.1 include/lwipopts.h:77-81) */
extern void __setSystemTime(unsigned long long sec, unsigned long us);
#define SNTP_SET_SYSTEM_TIME_US(sec, us)  __setSystemTime(sec, us)
#define SNTP_MAX_SERVERS                2                /* arduino-pico@4.7.1 include/lwipopts.h:79 */
#define SNTP_SERVER_DNS                 1                /* arduino-pico@4.7.1 include/lwipopts.h:81 */

#define LWIP_DEBUG                      0                /* arduino-pico@4.7.1 include/lwipopts.h:83 */
#define ETHARP_DEBUG                    LWIP_DBG_OFF     /* arduino-pico@4.7.1 include/lwipopts.h:84 */
#define NETIF_DEBUG                     LWIP_DBG_OFF     /* arduino-pico@4.7.1 include/lwipopts.h:85 */
#define PBUF_DEBUG                      LWIP_DBG_OFF     /* arduino-pico@4.7.1 include/lwipopts.h:86 */
#define API_LIB_DEBUG                   LWIP_DBG_OFF     /* arduino-pico@4.7.1 include/lwipopts.h:87 */
#define API_MSG_DEBUG                   LWIP_DBG_OFF     /* arduino-pico@4.7.1 include/lwipopts.h:88 */
#define SOCKETS_DEBUG                   LWIP_DBG_OFF     /* arduino-pico@4.7.1 include/lwipopts.h:89 */
#define ICMP_DEBUG                      LWIP_DBG_OFF     /* arduino-pico@4.7.1 include/lwipopts.h:90 */
#define INET_DEBUG                      LWIP_DBG_OFF     /* arduino-pico@4.7.1 include/lwipopts.h:91 */
#define IP_DEBUG                        LWIP_DBG_OFF     /* arduino-pico@4.7.1 include/lwipopts.h:92 */
#define IP_REASS_DEBUG                  LWIP_DBG_OFF     /* arduino-pico@4.7.1 include/lwipopts.h:93 */
#define RAW_DEBUG                       LWIP_DBG_OFF     /* arduino-pico@4.7.1 include/lwipopts.h:94 */
#define MEM_DEBUG                       LWIP_DBG_OFF     /* arduino-pico@4.7.1 include/lwipopts.h:95 */
#define MEMP_DEBUG                      LWIP_DBG_OFF     /* arduino-pico@4.7.1 include/lwipopts.h:96 */
#define SYS_DEBUG                       LWIP_DBG_OFF     /* arduino-pico@4.7.1 include/lwipopts.h:97 */
#define TCP_DEBUG                       LWIP_DBG_OFF     /* arduino-pico@4.7.1 include/lwipopts.h:98 */
#define TCP_INPUT_DEBUG                 LWIP_DBG_OFF     /* arduino-pico@4.7.1 include/lwipopts.h:99 */
#define TCP_OUTPUT_DEBUG                LWIP_DBG_OFF     /* arduino-pico@4.7.1 include/lwipopts.h:100 */
#define TCP_RTO_DEBUG                   LWIP_DBG_OFF     /* arduino-pico@4.7.1 include/lwipopts.h:101 */
#define TCP_CWND_DEBUG                  LWIP_DBG_OFF     /* arduino-pico@4.7.1 include/lwipopts.h:102 */
#define TCP_WND_DEBUG                   LWIP_DBG_OFF     /* arduino-pico@4.7.1 include/lwipopts.h:103 */
#define TCP_FR_DEBUG                    LWIP_DBG_OFF     /* arduino-pico@4.7.1 include/lwipopts.h:104 */
#define TCP_QLEN_DEBUG                  LWIP_DBG_OFF     /* arduino-pico@4.7.1 include/lwipopts.h:105 */
#define TCP_RST_DEBUG                   LWIP_DBG_OFF     /* arduino-pico@4.7.1 include/lwipopts.h:106 */
#define UDP_DEBUG                       LWIP_DBG_OFF     /* arduino-pico@4.7.1 include/lwipopts.h:107 */
#define TCPIP_DEBUG                     LWIP_DBG_OFF     /* arduino-pico@4.7.1 include/lwipopts.h:108 */
#define PPP_DEBUG                       LWIP_DBG_OFF     /* arduino-pico@4.7.1 include/lwipopts.h:109 */
#define SLIP_DEBUG                      LWIP_DBG_OFF     /* arduino-pico@4.7.1 include/lwipopts.h:110 */
#define DHCP_DEBUG                      LWIP_DBG_OFF     /* arduino-pico@4.7.1 include/lwipopts.h:111 */

#ifdef __cplusplus                     /* arduino-pico@4.7.1 include/lwipopts.h:113-115 */
}
#endif
