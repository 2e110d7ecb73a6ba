/*
 * lwipsim profile: pico-examples Pico W "httpd" example (picow_httpd_background).
 *
 * Firmware files modelled (flattened here: common values first, then the
 * example's own additions/overrides):
 *   C = raspberrypi/pico-examples pico_w/wifi/lwipopts_examples_common.h
 *   H = raspberrypi/pico-examples pico_w/wifi/httpd/lwipopts.h (which #includes C)
 *
 * Versions read (the index stores files by commit, not by tag; we could not map
 * a commit to tag sdk-2.2.0 directly):
 *   C: commit d50294d2aca964450326bb8e2245bd07e3a7bf22. Chosen because it is the
 *      stored version matching the facts file's description of C at sdk-2.2.0
 *      ("unchanged apart from a #ifndef MEM_SIZE guard", facts section 5). The
 *      other stored version, 2507272357d8..., has no MEM_SIZE guard and adds
 *      LWIP_SINGLE_NETIF 1; its tag is unknown and it is NOT used here.
 *   H: commit 30c3897d71c75bb4a09d126a870943d8a34a1468, the only stored version.
 *      Its lines 11-15 match facts section 5's description of H at sdk-2.2.0.
 *   "C:<n>" / "H:<n>" = line numbers in those stored copies.
 *
 * Build switches resolved here (not left as #if):
 *   - PICO_CYW43_ARCH_POLL = 0: the example links
 *     pico_cyw43_arch_lwip_threadsafe_background (pico_w/wifi/httpd/CMakeLists.txt,
 *     stored commit 099dc45b), so C's non-poll branch applies.
 *   - NO_SYS / LWIP_SOCKET: C's "#ifndef" defaults apply (H does not override).
 *   - MEM_SIZE: C's "#ifndef MEM_SIZE" default applies (H does not override).
 *   - NDEBUG assumed defined (pico-sdk defaults to a Release build): C's
 *     "#ifndef NDEBUG" block (LWIP_DEBUG/LWIP_STATS/LWIP_STATS_DISPLAY) is left
 *     out; it changes no pool, size or timer (MEMP_STATS is 0 either way).
 *
 * Left out on purpose:
 *   - the *_DEBUG = LWIP_DBG_OFF list in C (all equal to lwIP's defaults)
 *   - HTTPD_FSDATA_FILE "pico_fsdata.inc" (H:26): names a file generated in the
 *     example's build tree; lwipsim runs its own raw-TCP HTTP server, not lwIP's
 *     httpd app, so nothing here reads it.
 *   - platform/arch items (LWIP_PLATFORM_ASSERT, sys_now, ...): the simulator
 *     provides them.
 *
 * lwIP behind this example: pico-sdk 2.2.0 lib/lwip = STABLE-2_2_1_RELEASE (facts section 5).
 */
#ifndef LWIPSIM_PROFILE_PICO_EXAMPLES_HTTPD_LWIPOPTS_H
#define LWIPSIM_PROFILE_PICO_EXAMPLES_HTTPD_LWIPOPTS_H

/* ================= common values (C) ================= */

/* ---- system / API ---- */
#define NO_SYS                          1   /* C:10 */
#define LWIP_SOCKET                     0   /* C:14 */
#define LWIP_NETCONN                    0   /* C:40 */

/* ---- heap and pools ---- */
#define MEM_LIBC_MALLOC                 0   /* C:20 (branch for PICO_CYW43_ARCH_POLL=0) */
#define MEM_ALIGNMENT                   4   /* C:22 */
#define MEM_SIZE                        4000 /* C:24 */
#define MEMP_NUM_TCP_SEG                32  /* C:26 */
#define MEMP_NUM_ARP_QUEUE              10  /* C:27 */
#define PBUF_POOL_SIZE                  24  /* C:28 */

/* ---- link / network layer ---- */
#define LWIP_ARP                        1   /* C:29 */
#define LWIP_ETHERNET                   1   /* C:30 */
#define LWIP_ICMP                       1   /* C:31 */
#define LWIP_RAW                        1   /* C:32 */
#define LWIP_IPV4                       1   /* C:48 */
/* LWIP_IPV6 not set: lwIP default 0 (facts section 5). */
#define LWIP_CHKSUM_ALGORITHM           3   /* C:46 */

/* ---- TCP ---- */
#define LWIP_TCP                        1   /* C:49 */
#define TCP_MSS                         1460 /* C:34 */
#define TCP_WND                         (8 * TCP_MSS)   /* C:33 */
#define TCP_SND_BUF                     (8 * TCP_MSS)   /* C:35 */
#define TCP_SND_QUEUELEN                ((4 * (TCP_SND_BUF) + (TCP_MSS - 1)) / (TCP_MSS)) /* C:36 */
#define LWIP_TCP_KEEPALIVE              1   /* C:52 */

/* ---- UDP / DHCP / DNS ---- */
#define LWIP_UDP                        1   /* C:50 */
#define LWIP_DHCP                       1   /* C:47 */
#define DHCP_DOES_ARP_CHECK             0   /* C:54 */
#define LWIP_DHCP_DOES_ACD_CHECK        0   /* C:55: keeps LWIP_ACD (and acd_tmr) at 0 */
#define LWIP_DNS                        1   /* C:51 */

/* ---- netif ---- */
#define LWIP_NETIF_STATUS_CALLBACK      1   /* C:37 */
#define LWIP_NETIF_LINK_CALLBACK        1   /* C:38 */
#define LWIP_NETIF_HOSTNAME             1   /* C:39 */
#define LWIP_NETIF_TX_SINGLE_PBUF       1   /* C:53 */

/* ---- statistics (all off) ---- */
#define MEM_STATS                       0   /* C:41 */
#define SYS_STATS                       0   /* C:42 */
#define MEMP_STATS                      0   /* C:43 */
#define LINK_STATS                      0   /* C:44 */

/* ================= httpd example additions (H) ================= */

/* mDNS responder for the example */
#define LWIP_MDNS_RESPONDER             1   /* H:11 */
#define LWIP_IGMP                       1   /* H:12 */
#define LWIP_NUM_NETIF_CLIENT_DATA      1   /* H:13 */
/* Asks mDNS to follow netif changes via the ext-status callback; C/H never set
 * LWIP_NETIF_EXT_STATUS_CALLBACK, so in lwIP 2.2.1 the registration compiles
 * to nothing. Kept as upstream. */
#define MDNS_RESP_USENETIF_EXTCALLBACK  1   /* H:14 */
/* Core formula + 3 for mDNS. Core = TCP+REASS+ARP+2*DHCP+IGMP+DNS = 7 here,
 * so the pool is 10 (facts section 5). */
#define MEMP_NUM_SYS_TIMEOUT            (LWIP_NUM_SYS_TIMEOUT_INTERNAL + 3) /* H:15 */
#define MEMP_NUM_TCP_PCB                12  /* H:16 */

/* lwIP httpd app features used by the example (H:19-23). lwipsim does not build
 * lwIP's httpd app; these only matter if it is built, and are harmless otherwise. */
#define LWIP_HTTPD_CGI                  1   /* H:19 */
#define LWIP_HTTPD_SSI                  1   /* H:20 */
#define LWIP_HTTPD_SSI_MULTIPART        1   /* H:21 */
#define LWIP_HTTPD_SUPPORT_POST         1   /* H:22 */
#define LWIP_HTTPD_SSI_INCLUDE_TAG      0   /* H:23 */

#endif /* LWIPSIM_PROFILE_PICO_EXAMPLES_HTTPD_LWIPOPTS_H */
