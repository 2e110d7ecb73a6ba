/*
 * lwipsim profile: CircuitPython 9.2.9, raspberrypi port, Raspberry Pi Pico W.
 *
 * Firmware file: adafruit/circuitpython, tag 9.2.9 (commit 67d8d36c),
 * ports/raspberrypi/lwip_inc/lwipopts.h, reproduced line for line. 9.2.x is
 * the first release line where every lwIP pool comes from CircuitPython's own
 * heap (PR #10027, first tag 9.2.5): MEMP_MEM_MALLOC 1 and
 * MEM_CUSTOM_ALLOCATOR 1 with lwip_heap_malloc/free/calloc. 9.2.9 differs
 * from 9.2.5 in this file only by MDNS_MAX_SERVICES 25.
 *
 * Firmware constructs kept: #include "lwip_mem.h" (shims/lwip_mem.h), the
 * custom allocator hooks, #if PICO_CYW43_ARCH_POLL, #if CIRCUITPY_MDNS,
 * #ifndef NDEBUG, LWIP_TIMEVAL_PRIVATE 0, LWIP_NO_CTYPE_H 1 and the printf
 * format macros (X8_F ... SZT_F), which are written for the 32-bit target.
 *
 * Build flags the firmware's make passes to lwIP, defined first below
 * (#ifndef-guarded) because lwipsim has no such command line:
 *   - CIRCUITPY_MDNS=1: boards/raspberry_pi_pico_w/mpconfigboard.mk:19 sets
 *     it, py/circuitpy_mpconfig.mk:383 passes it as -DCIRCUITPY_MDNS.
 *   - PICO_CYW43_ARCH_POLL=0: ports/raspberrypi/Makefile:37 (CFLAGS_CYW43).
 *   - NDEBUG: ports/raspberrypi/Makefile:215 adds -DNDEBUG to non-DEBUG
 *     builds, so the LWIP_DEBUG/LWIP_STATS block is off on the device. It is
 *     not defined here (that would change assert() in the simulator's own
 *     code); lwipsim's default RelWithDebInfo build defines it, a Debug build
 *     of lwipsim turns the block on as a DEBUG=1 firmware build would.
 *
 * MEMP_NUM_SYS_TIMEOUT = 8 + 3 * (LWIP_IPV4 + LWIP_IPV6) = 11, but with
 * MEMP_MEM_MALLOC 1 it does not bound allocation: timeouts come from the heap
 * (facts section 4). LWIP_NUM_SYS_TIMEOUT_INTERNAL is 7.
 *
 * Firmware symbols named: lwip_heap_malloc, lwip_heap_free, lwip_heap_calloc
 * (ports/raspberrypi/lwip_src/lwip_mem.c@9.2.9:14-28, on port_malloc() /
 * port_free()); lwipsim defines them over a fixed budget
 * (sim/port/heap_budget.c, heap_budget_bytes in profile.ini).
 *
 * lwIP: CircuitPython builds its own submodule ports/raspberrypi/lib/lwip,
 * pinned at adafruit/lwip bd522fde ("official v2.2.1 plus Adafruit
 * secondary host support", facts section 4), not pico-sdk's (its sdk
 * submodule is bddd20f9 = pico-sdk 2.1.1). lwipsim builds upstream 2.2.1;
 * MDNS_MAX_SECONDARY_HOSTNAMES is an option of the Adafruit fork only.
 */
#ifndef LWIPSIM_CIRCUITPYTHON_9_2_9_LWIPOPTS_H
#define LWIPSIM_CIRCUITPYTHON_9_2_9_LWIPOPTS_H

/* ---- firmware build flags (see above) ---- */
#ifndef CIRCUITPY_MDNS
#define CIRCUITPY_MDNS                  1  /* circuitpython@9.2.9 ports/raspberrypi/boards/raspberry_pi_pico_w/mpconfigboard.mk:19, py/circuitpy_mpconfig.mk:383 */
#endif
#ifndef PICO_CYW43_ARCH_POLL
#define PICO_CYW43_ARCH_POLL            0  /* circuitpython@9.2.9 ports/raspberrypi/Makefile:37 */
#endif

/* ---- ports/raspberrypi/lwip_inc/lwipopts.h ---- */
#include "lwip_mem.h"                                 /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:8 */

#ifndef NO_SYS
#define NO_SYS                          1                /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:12 */
#endif
#ifndef LWIP_SOCKET
#define LWIP_SOCKET                     0                /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:16 */
#endif
#if PICO_CYW43_ARCH_POLL
#define MEM_LIBC_MALLOC                 1                /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:19 */
#else
#define MEM_LIBC_MALLOC                 0                /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:22 */
#endif
#define MEM_ALIGNMENT                   4                /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:24 */
#define MEM_USE_POOLS                   0                /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:26 */
#define MEM_USE_POOLS_TRY_BIGGER_POOL   0                /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:28 */
#define MEMP_USE_CUSTOM_POOLS           0                /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:30 */
#define MEMP_MEM_MALLOC                 1                /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:32 */
#define MEM_CUSTOM_ALLOCATOR            1                /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:33 */
#define MEM_CUSTOM_FREE                 lwip_heap_free   /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:34 */
#define MEM_CUSTOM_MALLOC               lwip_heap_malloc /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:35 */
#define MEM_CUSTOM_CALLOC               lwip_heap_calloc /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:36 */
#define MEM_SIZE                        1600             /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:42 */
#define MEMP_NUM_PBUF                   16               /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:44 */
#define MEMP_NUM_RAW_PCB                4                /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:46 */
#define MEMP_NUM_UDP_PCB                4                /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:48 */
#define MEMP_NUM_TCP_PCB                5                /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:50 */
#define MEMP_NUM_TCP_PCB_LISTEN         8                /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:52 */
#define MEMP_NUM_TCP_SEG                16               /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:54 */
#define MEMP_NUM_ALTCP_PCB              5                /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:56 */
#define MEMP_NUM_REASSDATA              5                /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:58 */
#define MEMP_NUM_FRAG_PBUF              15               /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:60 */
#define MEMP_NUM_ARP_QUEUE              30               /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:62 */
#define MEMP_NUM_IGMP_GROUP             8                /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:64 */
#define PBUF_POOL_SIZE                  16               /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:69 */
#define TCP_TMR_INTERVAL                25               /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:74 */
#define LWIP_ARP                        1                /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:76 */
#define LWIP_ETHERNET                   1                /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:77 */
#define LWIP_ICMP                       1                /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:78 */
#define LWIP_RAW                        1                /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:79 */
#define TCP_WND                         (8 * TCP_MSS)    /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:81 */
#define TCP_MSS                         1460             /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:82 */
#define TCP_SND_BUF                     (8 * TCP_MSS)    /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:83 */
#define TCP_SND_QUEUELEN                ((4 * (TCP_SND_BUF) + (TCP_MSS - 1)) / (TCP_MSS)) /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:84 */
#define LWIP_NETIF_STATUS_CALLBACK      1                /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:85 */
#define LWIP_NETIF_LINK_CALLBACK        1                /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:86 */
#define LWIP_NETIF_HOSTNAME             1                /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:87 */
#define LWIP_NETCONN                    0                /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:88 */
#define MEM_STATS                       0                /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:89 */
#define SYS_STATS                       0                /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:90 */
#define MEMP_STATS                      0                /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:91 */
#define LINK_STATS                      0                /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:92 */
#define LWIP_CHKSUM_ALGORITHM           3                /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:94 */
#define LWIP_DHCP                       1                /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:95 */
#define LWIP_IPV4                       1                /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:96 */
#define LWIP_TCP                        1                /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:97 */
#define LWIP_UDP                        1                /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:98 */
#define LWIP_DNS                        1                /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:99 */
#define LWIP_DNS_SUPPORT_MDNS_QUERIES   1                /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:100 */
#define LWIP_TCP_KEEPALIVE              1                /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:101 */
#define LWIP_NETIF_TX_SINGLE_PBUF       1                /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:102 */
#define DHCP_DOES_ARP_CHECK             0                /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:103 */
#define LWIP_DHCP_DOES_ACD_CHECK        0                /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:104 */
#define SO_REUSE                        1                /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:105 */
#if CIRCUITPY_MDNS
#define LWIP_IGMP                       1                /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:108 */
#define LWIP_MDNS_RESPONDER             1                /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:109 */
#define LWIP_NUM_NETIF_CLIENT_DATA      1                /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:110 */
#define LWIP_NETIF_EXT_STATUS_CALLBACK  1                /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:111 */
#define MDNS_MAX_SECONDARY_HOSTNAMES    1                /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:112 */
#define MEMP_NUM_SYS_TIMEOUT            (8 + 3 * (LWIP_IPV4 + LWIP_IPV6)) /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:113 */
#define MDNS_MAX_SERVICES               25               /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:114 */
#endif
#ifndef NDEBUG
#define LWIP_DEBUG                      1                /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:118 */
#define LWIP_STATS                      1                /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:119 */
#define LWIP_STATS_DISPLAY              1                /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:120 */
#endif
#define ETHARP_DEBUG                    LWIP_DBG_OFF     /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:123 */
#define NETIF_DEBUG                     LWIP_DBG_OFF     /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:124 */
#define PBUF_DEBUG                      LWIP_DBG_OFF     /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:125 */
#define API_LIB_DEBUG                   LWIP_DBG_OFF     /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:126 */
#define API_MSG_DEBUG                   LWIP_DBG_OFF     /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:127 */
#define SOCKETS_DEBUG                   LWIP_DBG_OFF     /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:128 */
#define ICMP_DEBUG                      LWIP_DBG_OFF     /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:129 */
#define INET_DEBUG                      LWIP_DBG_OFF     /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:130 */
#define IP_DEBUG                        LWIP_DBG_OFF     /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:131 */
#define IP_REASS_DEBUG                  LWIP_DBG_OFF     /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:132 */
#define RAW_DEBUG                       LWIP_DBG_OFF     /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:133 */
#define MEM_DEBUG                       LWIP_DBG_OFF     /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:134 */
#define MEMP_DEBUG                      LWIP_DBG_OFF     /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:135 */
#define SYS_DEBUG                       LWIP_DBG_OFF     /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:136 */
#define TCP_DEBUG                       LWIP_DBG_OFF     /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:137 */
#define TCP_INPUT_DEBUG                 LWIP_DBG_OFF     /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:138 */
#define TCP_OUTPUT_DEBUG                LWIP_DBG_OFF     /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:139 */
#define TCP_RTO_DEBUG                   LWIP_DBG_OFF     /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:140 */
#define TCP_CWND_DEBUG                  LWIP_DBG_OFF     /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:141 */
#define TCP_WND_DEBUG                   LWIP_DBG_OFF     /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:142 */
#define TCP_FR_DEBUG                    LWIP_DBG_OFF     /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:143 */
#define TCP_QLEN_DEBUG                  LWIP_DBG_OFF     /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:144 */
#define TCP_RST_DEBUG                   LWIP_DBG_OFF     /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:145 */
#define UDP_DEBUG                       LWIP_DBG_OFF     /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:146 */
#define TCPIP_DEBUG                     LWIP_DBG_OFF     /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:147 */
#define PPP_DEBUG                       LWIP_DBG_OFF     /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:148 */
#define SLIP_DEBUG                      LWIP_DBG_OFF     /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:149 */
#define DHCP_DEBUG                      LWIP_DBG_OFF     /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:150 */
#define MDNS_DEBUG                      LWIP_DBG_OFF     /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:151 */
#define LWIP_TIMEVAL_PRIVATE            0                /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:153 */
#define LWIP_NO_CTYPE_H                 1                /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:155 */
#define X8_F                            "02x"            /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:157 */
#define U16_F                           "u"              /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:158 */
#define U32_F                           "lu"             /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:159 */
#define S32_F                           "ld"             /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:160 */
#define X32_F                           "lx"             /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:161 */
#define S16_F                           "d"              /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:163 */
#define X16_F                           "x"              /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:164 */
#define SZT_F                           "u"              /* circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwipopts.h:165 */

#endif /* LWIPSIM_CIRCUITPYTHON_9_2_9_LWIPOPTS_H */
