/* lwipsim observability overlay.
 *
 * lwIP includes "lwipopts.h"; this one includes the profile's header first
 * (LWIPSIM_PROFILE_LWIPOPTS, an absolute path set by the build) and then turns
 * on observation only. It never touches a pool size or a behaviour option.
 * Every change made here is listed by sim/port/sim_options.c in each run
 * record (sim_changed_options); keep the two in step. */
#ifndef LWIPSIM_OVERLAY_LWIPOPTS_H
#define LWIPSIM_OVERLAY_LWIPOPTS_H

#include <stdint.h>

#include LWIPSIM_PROFILE_LWIPOPTS

/* Record what the profile asked for before we change anything, so the run
 * record can say "was X, now Y". */
#ifdef LWIP_TESTMODE
#define LWIPSIM_PROFILE_LWIP_TESTMODE LWIP_TESTMODE
#undef LWIP_TESTMODE
#else
#define LWIPSIM_PROFILE_LWIP_TESTMODE -1
#endif
/* Exports sys_timeouts_get_next_timeout(), so the probe can walk the armed
 * timeout list and name each handler. No effect on allocation. */
#define LWIP_TESTMODE 1

/* The firmware's random source is replaced by a seeded PRNG: runs must be
 * deterministic (mDNS response delays, DHCP xid, TCP ISN, ports). */
#ifdef LWIP_RAND
#define LWIPSIM_PROFILE_HAD_LWIP_RAND 1
#undef LWIP_RAND
#else
#define LWIPSIM_PROFILE_HAD_LWIP_RAND 0
#endif
uint32_t lwipsim_rand(void);
#define LWIP_RAND() lwipsim_rand()

/* The assert hook applies the profile's assert policy (panic / silent /
 * abort) and records where lwIP asserted. A header that defines its own
 * LWIP_PLATFORM_ASSERT (usually a firmware panic()) is overridden here: the
 * policy in profile.ini says what that firmware function does. */
void lwipsim_assert_hook(const char *message, const char *file, int line);
#ifdef LWIP_PLATFORM_ASSERT
#define LWIPSIM_PROFILE_HAD_LWIP_PLATFORM_ASSERT 1
#undef LWIP_PLATFORM_ASSERT
#else
#define LWIPSIM_PROFILE_HAD_LWIP_PLATFORM_ASSERT 0
#endif
#define LWIP_PLATFORM_ASSERT(x) lwipsim_assert_hook((x), __FILE__, __LINE__)
/* Diagnostics go to the run's event log, not to stdout: stdout carries the
 * table. */
void lwipsim_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#ifdef LWIP_PLATFORM_DIAG
#define LWIPSIM_PROFILE_HAD_LWIP_PLATFORM_DIAG 1
#undef LWIP_PLATFORM_DIAG
#else
#define LWIPSIM_PROFILE_HAD_LWIP_PLATFORM_DIAG 0
#endif
#define LWIP_PLATFORM_DIAG(x) do { lwipsim_diag x; } while (0)

/* Firmware critical sections (SYS_ARCH_PROTECT and friends, defined by the
 * header to the firmware's lock or interrupt functions): the simulation is
 * single-threaded and nothing else touches lwIP, so the protection is a
 * no-op. Without the header's own macros, lwIP's defaults call
 * sys_arch_protect(), which sim/port/platform.c supplies. */
#ifdef SYS_ARCH_PROTECT
#define LWIPSIM_PROFILE_HAD_SYS_ARCH_PROTECT 1
#undef SYS_ARCH_DECL_PROTECT
#undef SYS_ARCH_PROTECT
#undef SYS_ARCH_UNPROTECT
#define SYS_ARCH_DECL_PROTECT(lev) int lev
#define SYS_ARCH_PROTECT(lev) ((void)((lev) = 0))
#define SYS_ARCH_UNPROTECT(lev) ((void)(lev))
#else
#define LWIPSIM_PROFILE_HAD_SYS_ARCH_PROTECT 0
#endif

/* Firmware clock hooks of the SNTP app: setting or reading a wall clock
 * cannot touch a pool, and the firmware's functions are not here. Each hook
 * the header defines becomes a recording no-op (an event per call); one it
 * leaves alone keeps lwIP's default. Getters answer 0, as lwIP's default
 * SNTP_GET_SYSTEM_TIME does. */
void lwipsim_hook_time_set(const char *hook, uint64_t sec, uint64_t sub);
#ifdef SNTP_SET_SYSTEM_TIME
#define LWIPSIM_PROFILE_HAD_SNTP_SET_SYSTEM_TIME 1
#undef SNTP_SET_SYSTEM_TIME
#define SNTP_SET_SYSTEM_TIME(sec) lwipsim_hook_time_set("SNTP_SET_SYSTEM_TIME", (uint64_t)(sec), 0)
#else
#define LWIPSIM_PROFILE_HAD_SNTP_SET_SYSTEM_TIME 0
#endif
#ifdef SNTP_SET_SYSTEM_TIME_US
#define LWIPSIM_PROFILE_HAD_SNTP_SET_SYSTEM_TIME_US 1
#undef SNTP_SET_SYSTEM_TIME_US
#define SNTP_SET_SYSTEM_TIME_US(sec, us)                                                         \
  lwipsim_hook_time_set("SNTP_SET_SYSTEM_TIME_US", (uint64_t)(sec), (uint64_t)(us))
#else
#define LWIPSIM_PROFILE_HAD_SNTP_SET_SYSTEM_TIME_US 0
#endif
#ifdef SNTP_SET_SYSTEM_TIME_NTP
#define LWIPSIM_PROFILE_HAD_SNTP_SET_SYSTEM_TIME_NTP 1
#undef SNTP_SET_SYSTEM_TIME_NTP
#define SNTP_SET_SYSTEM_TIME_NTP(sec, frac)                                                      \
  lwipsim_hook_time_set("SNTP_SET_SYSTEM_TIME_NTP", (uint64_t)(sec), (uint64_t)(frac))
#else
#define LWIPSIM_PROFILE_HAD_SNTP_SET_SYSTEM_TIME_NTP 0
#endif
#ifdef SNTP_GET_SYSTEM_TIME
#define LWIPSIM_PROFILE_HAD_SNTP_GET_SYSTEM_TIME 1
#undef SNTP_GET_SYSTEM_TIME
#define SNTP_GET_SYSTEM_TIME(sec, us)                                                            \
  do {                                                                                           \
    (sec) = 0;                                                                                   \
    (us) = 0;                                                                                    \
  } while (0)
#else
#define LWIPSIM_PROFILE_HAD_SNTP_GET_SYSTEM_TIME 0
#endif
#ifdef SNTP_GET_SYSTEM_TIME_NTP
#define LWIPSIM_PROFILE_HAD_SNTP_GET_SYSTEM_TIME_NTP 1
#undef SNTP_GET_SYSTEM_TIME_NTP
#define SNTP_GET_SYSTEM_TIME_NTP(sec, frac)                                                      \
  do {                                                                                           \
    (sec) = 0;                                                                                   \
    (frac) = 0;                                                                                  \
  } while (0)
#else
#define LWIPSIM_PROFILE_HAD_SNTP_GET_SYSTEM_TIME_NTP 0
#endif

/* lwIP's IPv6 reassembly asserts on 64-bit hosts unless the fragment header is
 * copied (the hole descriptor no longer fits in the IPv6 header): a
 * portability fix, not a behaviour change. */
#if defined(LWIP_IPV6) && LWIP_IPV6 && UINTPTR_MAX > 0xFFFFFFFFu
#ifdef IPV6_FRAG_COPYHEADER
#define LWIPSIM_PROFILE_IPV6_FRAG_COPYHEADER IPV6_FRAG_COPYHEADER
#undef IPV6_FRAG_COPYHEADER
#else
#define LWIPSIM_PROFILE_IPV6_FRAG_COPYHEADER -1
#endif
#define IPV6_FRAG_COPYHEADER 1
#endif

/* Demand builds (LWIPSIM_DEMAND=1, the *-demand runners): every fixed pool
 * compiled large, so a run measures how many elements the traffic needs.
 * The runner knows the profile's own sizes (sim/probe/pool_config.c) and can
 * cap each pool back to them at run time. Left at the profile's size:
 * MEMP_NUM_ND6_QUEUE (nd6.c also uses it as a queue-length limit, which is
 * behaviour) and MEMP_NUM_REASSDATA (lwIP refuses more than
 * IP_REASS_MAX_PBUFS). */
#if defined(LWIPSIM_DEMAND) && LWIPSIM_DEMAND
#define LWIPSIM_DEMAND_POOL 250
#undef MEMP_NUM_PBUF
#define MEMP_NUM_PBUF LWIPSIM_DEMAND_POOL
#undef MEMP_NUM_RAW_PCB
#define MEMP_NUM_RAW_PCB LWIPSIM_DEMAND_POOL
#undef MEMP_NUM_UDP_PCB
#define MEMP_NUM_UDP_PCB LWIPSIM_DEMAND_POOL
#undef MEMP_NUM_TCP_PCB
#define MEMP_NUM_TCP_PCB LWIPSIM_DEMAND_POOL
#undef MEMP_NUM_TCP_PCB_LISTEN
#define MEMP_NUM_TCP_PCB_LISTEN LWIPSIM_DEMAND_POOL
#undef MEMP_NUM_TCP_SEG
#define MEMP_NUM_TCP_SEG LWIPSIM_DEMAND_POOL
#undef MEMP_NUM_ALTCP_PCB
#define MEMP_NUM_ALTCP_PCB LWIPSIM_DEMAND_POOL
#undef MEMP_NUM_FRAG_PBUF
#define MEMP_NUM_FRAG_PBUF LWIPSIM_DEMAND_POOL
#undef MEMP_NUM_ARP_QUEUE
#define MEMP_NUM_ARP_QUEUE LWIPSIM_DEMAND_POOL
#undef MEMP_NUM_IGMP_GROUP
#define MEMP_NUM_IGMP_GROUP LWIPSIM_DEMAND_POOL
#undef MEMP_NUM_SYS_TIMEOUT
#define MEMP_NUM_SYS_TIMEOUT LWIPSIM_DEMAND_POOL
#undef MEMP_NUM_MLD6_GROUP
#define MEMP_NUM_MLD6_GROUP LWIPSIM_DEMAND_POOL
#undef PBUF_POOL_SIZE
#define PBUF_POOL_SIZE LWIPSIM_DEMAND_POOL
#endif

#endif
