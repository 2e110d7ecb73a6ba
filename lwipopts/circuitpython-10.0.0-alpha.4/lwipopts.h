/*
 * lwipsim profile: CircuitPython 10.0.0-alpha.4, raspberrypi port (Pico W / CYW43).
 *
 * Firmware file modelled: adafruit/circuitpython, tag 10.0.0-alpha.4 (04b17e1a),
 *   ports/raspberrypi/lwip_inc/lwipopts.h
 *
 * Provenance of the values below:
 *   - The file at tag 10.0.0-alpha.4 is NOT stored in the reference index we
 *     could read (no adafruit/circuitpython copy of this path).
 *   - "N:<line>" = line in the stored copy of the same path at
 *     yannickmayannick/circuitpython@8df9c0c7ea21e788dde203964c07e41c6afe0a9b,
 *     a fork holding adafruit commit 8df9c0c7 (MDNS_MAX_SERVICES 25, PR #10166),
 *     which predates the tag. Every value taken from it was checked against
 *     shared/facts/lwip-sys-timeout.md section 4 ("F4"), the values
 *     computed against the 10.0.0-alpha.4 tree; they agree on every row.
 *
 * Firmware build switches resolved here (not left as #if):
 *   - CIRCUITPY_MDNS = 1 (F4 "CIRCUITPY_MDNS=1").
 *   - PICO_CYW43_ARCH_POLL = 0 (ports/raspberrypi/Makefile CFLAGS_CYW43; F4).
 *   - NDEBUG defined (non-DEBUG builds add -DNDEBUG, ports/raspberrypi/Makefile):
 *     the firmware's "#ifndef NDEBUG" block (N:117-121) is not active. Left out;
 *     it changes no pool, size or timer.
 *
 * Left out on purpose (the simulator provides platform/arch things):
 *   - LWIP_TIMEVAL_PRIVATE, LWIP_NO_CTYPE_H (arch.h/cc.h concerns, N:153, N:155)
 *   - printf format macros (X8_F, U16_F, ...)
 *   - the *_DEBUG = LWIP_DBG_OFF list (all equal to lwIP's own defaults)
 *   - lwip_heap_malloc/free/calloc bodies: the firmware's lwip_src/lwip_mem.c
 *     maps them to port_malloc() on its TLSF heap; the simulator implements them.
 *
 * lwIP used by the firmware: adafruit/lwip bd522fde, described by CircuitPython
 * commit acfdfcb1 as "official v2.2.1 plus Adafruit secondary host support" (F4).
 */
#ifndef LWIPSIM_PROFILE_CIRCUITPYTHON_10_0_0_ALPHA_4_LWIPOPTS_H
#define LWIPSIM_PROFILE_CIRCUITPYTHON_10_0_0_ALPHA_4_LWIPOPTS_H

/* Declares lwip_heap_malloc/free/calloc (shim in this folder). N:8, F4 */
#include "lwip_mem.h"

/* ---- system / API ---- */
#define NO_SYS                          1   /* N:12, F4 */
#define LWIP_SOCKET                     0   /* N:16, F4 */
#define LWIP_NETCONN                    0   /* N:88 */

/* ---- heap: every pool is carved from the custom (TLSF) heap ---- */
#define MEM_LIBC_MALLOC                 0   /* N:22 branch for PICO_CYW43_ARCH_POLL=0, F4 */
#define MEM_ALIGNMENT                   4   /* N:24 */
#define MEM_USE_POOLS                   0   /* N:26, F4 */
#define MEM_USE_POOLS_TRY_BIGGER_POOL   0   /* N:28, F4 */
#define MEMP_USE_CUSTOM_POOLS           0   /* N:30, F4 */
/* Pools come from mem_malloc(): no per-pool count limit, and lwIP's
 * MEMP_NUM_SYS_TIMEOUT >= core-formula check in init.c is compiled out (F1, F4). */
#define MEMP_MEM_MALLOC                 1   /* N:32, F4 */
#define MEM_CUSTOM_ALLOCATOR            1   /* N:33, F4 */
#define MEM_CUSTOM_FREE                 lwip_heap_free     /* N:34, F4 */
#define MEM_CUSTOM_MALLOC               lwip_heap_malloc   /* N:35, F4 */
#define MEM_CUSTOM_CALLOC               lwip_heap_calloc   /* N:36, F4 */
/* Kept as upstream; not used as a heap once MEM_CUSTOM_ALLOCATOR is on (F4). */
#define MEM_SIZE                        1600 /* N:42, F4 */

/* ---- pool counts (explicit in the firmware; equal to lwIP defaults unless noted) ---- */
#define MEMP_NUM_PBUF                   16  /* N:44, F4 */
#define MEMP_NUM_RAW_PCB                4   /* N:46, F4 */
#define MEMP_NUM_UDP_PCB                4   /* N:48, F4 */
#define MEMP_NUM_TCP_PCB                5   /* N:50, F4 */
#define MEMP_NUM_TCP_PCB_LISTEN         8   /* N:52, F4 */
#define MEMP_NUM_TCP_SEG                16  /* N:54, F4 (9.0.5 had 32) */
#define MEMP_NUM_ALTCP_PCB              5   /* N:56, F4 */
#define MEMP_NUM_REASSDATA              5   /* N:58, F4 */
#define MEMP_NUM_FRAG_PBUF              15  /* N:60, F4 */
#define MEMP_NUM_ARP_QUEUE              30  /* N:62, F4 (9.0.5 had 10) */
#define MEMP_NUM_IGMP_GROUP             8   /* N:64, F4 */
#define PBUF_POOL_SIZE                  16  /* N:69, F4 (9.0.5 had 24) */

/* TCP timer every 25 ms instead of lwIP's 250 ms (firmware reason: TCP
 * throughput). Also shortens the armed tcp_tmr timeout. N:74, F4 */
#define TCP_TMR_INTERVAL                25

/* ---- link / network layer ---- */
#define LWIP_ARP                        1   /* N:76 */
#define LWIP_ETHERNET                   1   /* N:77 */
#define LWIP_ICMP                       1   /* N:78 */
#define LWIP_RAW                        1   /* N:79 */
#define LWIP_IPV4                       1   /* N:96 */
/* LWIP_IPV6 not set: lwIP default 0 (F4; the port builds no ipv6 sources). */
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
#define LWIP_DHCP_DOES_ACD_CHECK        0   /* N:104, F4: keeps LWIP_ACD (and acd_tmr) at 0 */
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
/* Adafruit lwIP fork option (secondary hostname); inert with upstream lwIP 2.2.1. */
#define MDNS_MAX_SECONDARY_HOSTNAMES    1   /* N:112, F4 */
/* Same expression as 9.0.5 (= 11 with IPv4 only), but with MEMP_MEM_MALLOC=1
 * it does not bound allocations (F4). */
#define MEMP_NUM_SYS_TIMEOUT            (8 + 3 * (LWIP_IPV4 + LWIP_IPV6)) /* N:113, F4 */
/* CircuitPython commit 8df9c0c7 (PR #10166, issue #9127). N:114, F4 */
#define MDNS_MAX_SERVICES               25

#endif /* LWIPSIM_PROFILE_CIRCUITPYTHON_10_0_0_ALPHA_4_LWIPOPTS_H */
