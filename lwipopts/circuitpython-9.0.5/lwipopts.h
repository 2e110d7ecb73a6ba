/*
 * lwipsim profile: CircuitPython 9.0.5, raspberrypi port (Pico W / CYW43).
 *
 * Firmware file modelled: adafruit/circuitpython, tag 9.0.5 (1a3c4719),
 *   ports/raspberrypi/lwip_inc/lwipopts.h
 *
 * Provenance of the values below:
 *   - The file at tag 9.0.5 is NOT stored in the reference index we could read
 *     (no adafruit/circuitpython copy of this path at any commit). The values are
 *     taken from shared/facts/lwip-sys-timeout.md section 4 ("F4"), which
 *     lists the 9.0.5 values computed against the 9.0.5 tree and states that
 *     `git diff 9.0.5 10.0.0-alpha.4` of this file only touches the rows in its
 *     table.
 *   - "N:<line>" = line in the stored copy of the same path at
 *     yannickmayannick/circuitpython@8df9c0c7ea21e788dde203964c07e41c6afe0a9b
 *     (a fork holding adafruit commit 8df9c0c7, the 10.x version of this file).
 *     It is cited only for options F4 says did not change between 9.0.5 and
 *     10.0.0-alpha.4. 9.0.5's own line numbers are unknown.
 *
 * Firmware build switches resolved here (not left as #if):
 *   - CIRCUITPY_MDNS = 1: mDNS is built for the Pico W (F4 "CIRCUITPY_MDNS=1").
 *   - PICO_CYW43_ARCH_POLL = 0: the port builds with
 *     PICO_CYW43_ARCH_THREADSAFE_BACKGROUND=1 / PICO_CYW43_ARCH_POLL=0
 *     (ports/raspberrypi/Makefile CFLAGS_CYW43; F4 "THREADSAFE_BACKGROUND, POLL=0").
 *   - NDEBUG defined: non-DEBUG builds add -DNDEBUG (ports/raspberrypi/Makefile),
 *     so the firmware's "#ifndef NDEBUG" block (LWIP_DEBUG/LWIP_STATS/
 *     LWIP_STATS_DISPLAY = 1) is not active in release firmware. Left out;
 *     it changes no pool, size or timer (MEMP_STATS is 0 either way).
 *
 * Left out on purpose (the simulator provides platform/arch things):
 *   - LWIP_TIMEVAL_PRIVATE, LWIP_NO_CTYPE_H (arch.h/cc.h concerns, N:153, N:155)
 *   - X8_F/U16_F/U32_F/S32_F/X32_F/S16_F/X16_F/SZT_F printf formats
 *   - the *_DEBUG = LWIP_DBG_OFF list (all equal to lwIP's own defaults)
 *
 * lwIP used by the firmware: adafruit/lwip d26459c3 = lwIP master 239918cc
 * + secondary-hostname patches (F0/F4). The simulator runs it against
 * upstream lwIP 2.2.1, whose timer code is identical (F0).
 */
#ifndef LWIPSIM_PROFILE_CIRCUITPYTHON_9_0_5_LWIPOPTS_H
#define LWIPSIM_PROFILE_CIRCUITPYTHON_9_0_5_LWIPOPTS_H

/* ---- system / API ---- */
#define NO_SYS                          1   /* N:12, F4 "NO_SYS 1" (bare-metal, no tcpip thread) */
#define LWIP_SOCKET                     0   /* N:16, F4 */
#define LWIP_NETCONN                    0   /* N:88 */

/* ---- heap and pools ---- */
#define MEM_LIBC_MALLOC                 0   /* N:22 branch for PICO_CYW43_ARCH_POLL=0, F4 */
#define MEM_ALIGNMENT                   4   /* N:24 */
#define MEM_SIZE                        4000 /* F4 row MEM_SIZE (9.0.5 column) */
#define MEMP_NUM_TCP_SEG                32  /* F4 row MEMP_NUM_TCP_SEG (9.0.5 column) */
#define MEMP_NUM_ARP_QUEUE              10  /* F4 row MEMP_NUM_ARP_QUEUE (9.0.5 column) */
#define PBUF_POOL_SIZE                  24  /* F4 row PBUF_POOL_SIZE (9.0.5 column) */
/* MEMP_MEM_MALLOC, MEMP_NUM_PBUF/RAW_PCB/UDP_PCB/TCP_PCB/TCP_PCB_LISTEN,
 * TCP_TMR_INTERVAL, MDNS_MAX_SERVICES: not set in 9.0.5, lwIP defaults apply (F4). */

/* ---- link / network layer ---- */
#define LWIP_ARP                        1   /* N:76 */
#define LWIP_ETHERNET                   1   /* N:77 */
#define LWIP_ICMP                       1   /* N:78 */
#define LWIP_RAW                        1   /* N:79 */
#define LWIP_IPV4                       1   /* N:96 */
/* LWIP_IPV6 not set: lwIP default 0 (F4 "not defined -> 0"; the port builds no ipv6 sources). */
#define LWIP_CHKSUM_ALGORITHM           3   /* N:94 */

/* ---- TCP ---- */
#define LWIP_TCP                        1   /* N:97 */
#define TCP_MSS                         1460 /* N:82 */
#define TCP_WND                         (8 * TCP_MSS)   /* N:81 */
#define TCP_SND_BUF                     (8 * TCP_MSS)   /* N:83 */
#define TCP_SND_QUEUELEN                ((4 * (TCP_SND_BUF) + (TCP_MSS - 1)) / (TCP_MSS)) /* N:84 */
#define LWIP_TCP_KEEPALIVE              1   /* N:101 */
#define SO_REUSE                        1   /* N:105 */

/* ---- UDP / DHCP / DNS ---- */
#define LWIP_UDP                        1   /* N:98 */
#define LWIP_DHCP                       1   /* N:95, F4 */
#define DHCP_DOES_ARP_CHECK             0   /* N:103, F4 */
#define LWIP_DHCP_DOES_ACD_CHECK        0   /* N:104, F4: keeps LWIP_ACD (and acd_tmr) at 0 in 2.2.x */
#define LWIP_DNS                        1   /* N:99, F4 */
#define LWIP_DNS_SUPPORT_MDNS_QUERIES   1   /* N:100, F4 */

/* ---- netif ---- */
#define LWIP_NETIF_STATUS_CALLBACK      1   /* N:85 */
#define LWIP_NETIF_LINK_CALLBACK        1   /* N:86 */
#define LWIP_NETIF_HOSTNAME             1   /* N:87 */
#define LWIP_NETIF_TX_SINGLE_PBUF       1   /* N:102 */

/* ---- statistics (all off in the firmware) ---- */
#define MEM_STATS                       0   /* N:89, F4 */
#define SYS_STATS                       0   /* N:90, F4 */
#define MEMP_STATS                      0   /* N:91, F4 */
#define LINK_STATS                      0   /* N:92, F4 */

/* ---- mDNS: firmware block "#if CIRCUITPY_MDNS", resolved with CIRCUITPY_MDNS = 1 ---- */
#define LWIP_IGMP                       1   /* N:108, F4 */
#define LWIP_MDNS_RESPONDER             1   /* N:109, F4 */
#define LWIP_NUM_NETIF_CLIENT_DATA      1   /* N:110, F4 */
#define LWIP_NETIF_EXT_STATUS_CALLBACK  1   /* N:111, F4 */
/* Adafruit lwIP fork option (secondary hostname); upstream lwIP has no such
 * option, so with upstream 2.2.1 it is inert. Kept to mirror the firmware. */
#define MDNS_MAX_SECONDARY_HOSTNAMES    1   /* N:112, F4 */
/* Timeout pool: 8 + 3 per IP version, from CircuitPython PR #7589 (fd1c3ca7).
 * With IPv4 only this is 11, against a core formula of 7 (F4). */
#define MEMP_NUM_SYS_TIMEOUT            (8 + 3 * (LWIP_IPV4 + LWIP_IPV6)) /* N:113, F4 */

#endif /* LWIPSIM_PROFILE_CIRCUITPYTHON_9_0_5_LWIPOPTS_H */
