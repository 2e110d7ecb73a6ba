/* lwipsim observability overlay.
 *
 * lwIP includes "lwipopts.h"; this one includes the profile's header first
 * (LWIPSIM_PROFILE_LWIPOPTS, an absolute path set by the build) and then turns
 * on observation only. It never touches a pool size or a behaviour option.
 * Every option replaced here has an entry in lwipsim_overlay_list.h, from
 * which sim/stack/port/sim_options.c writes each run record's
 * sim_changed_options. Each block below sets LWIPSIM_PROFILE_HAD_<OPTION>
 * (0 or 1) before its #undef; the list needs it to compile, and
 * tests/unit/common/test_overlay_list.c fails on an #undef here that no list
 * entry names. */
#ifndef LWIPSIM_OVERLAY_LWIPOPTS_H
#define LWIPSIM_OVERLAY_LWIPOPTS_H

#include <stdint.h>

#include LWIPSIM_PROFILE_LWIPOPTS

/* Record what the profile asked for before we change anything, so the run
 * record can say "was X, now Y". The value is taken with #if: a macro defined
 * as the option itself would read the overlay's new value. */
#ifdef LWIP_TESTMODE
#define LWIPSIM_PROFILE_HAD_LWIP_TESTMODE 1
#if LWIP_TESTMODE
#define LWIPSIM_PROFILE_LWIP_TESTMODE 1
#else
#define LWIPSIM_PROFILE_LWIP_TESTMODE 0
#endif
#undef LWIP_TESTMODE
#else
#define LWIPSIM_PROFILE_HAD_LWIP_TESTMODE 0
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
 * sys_arch_protect(), which sim/stack/port/platform.c supplies. */
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
#define LWIPSIM_CLOCK_SET(hook, a, b) lwipsim_hook_time_set(hook, (uint64_t)(a), (uint64_t)(b))
#define LWIPSIM_CLOCK_GET_ZERO(a, b)                                                                                 \
  do {                                                                                                               \
    (a) = 0;                                                                                                         \
    (b) = 0;                                                                                                         \
  } while (0)
#ifdef SNTP_SET_SYSTEM_TIME
#define LWIPSIM_PROFILE_HAD_SNTP_SET_SYSTEM_TIME 1
#undef SNTP_SET_SYSTEM_TIME
#define SNTP_SET_SYSTEM_TIME(sec) LWIPSIM_CLOCK_SET("SNTP_SET_SYSTEM_TIME", sec, 0)
#else
#define LWIPSIM_PROFILE_HAD_SNTP_SET_SYSTEM_TIME 0
#endif
#ifdef SNTP_SET_SYSTEM_TIME_US
#define LWIPSIM_PROFILE_HAD_SNTP_SET_SYSTEM_TIME_US 1
#undef SNTP_SET_SYSTEM_TIME_US
#define SNTP_SET_SYSTEM_TIME_US(sec, us) LWIPSIM_CLOCK_SET("SNTP_SET_SYSTEM_TIME_US", sec, us)
#else
#define LWIPSIM_PROFILE_HAD_SNTP_SET_SYSTEM_TIME_US 0
#endif
#ifdef SNTP_SET_SYSTEM_TIME_NTP
#define LWIPSIM_PROFILE_HAD_SNTP_SET_SYSTEM_TIME_NTP 1
#undef SNTP_SET_SYSTEM_TIME_NTP
#define SNTP_SET_SYSTEM_TIME_NTP(sec, frac) LWIPSIM_CLOCK_SET("SNTP_SET_SYSTEM_TIME_NTP", sec, frac)
#else
#define LWIPSIM_PROFILE_HAD_SNTP_SET_SYSTEM_TIME_NTP 0
#endif
#ifdef SNTP_GET_SYSTEM_TIME
#define LWIPSIM_PROFILE_HAD_SNTP_GET_SYSTEM_TIME 1
#undef SNTP_GET_SYSTEM_TIME
#define SNTP_GET_SYSTEM_TIME(sec, us) LWIPSIM_CLOCK_GET_ZERO(sec, us)
#else
#define LWIPSIM_PROFILE_HAD_SNTP_GET_SYSTEM_TIME 0
#endif
#ifdef SNTP_GET_SYSTEM_TIME_NTP
#define LWIPSIM_PROFILE_HAD_SNTP_GET_SYSTEM_TIME_NTP 1
#undef SNTP_GET_SYSTEM_TIME_NTP
#define SNTP_GET_SYSTEM_TIME_NTP(sec, frac) LWIPSIM_CLOCK_GET_ZERO(sec, frac)
#else
#define LWIPSIM_PROFILE_HAD_SNTP_GET_SYSTEM_TIME_NTP 0
#endif

/* lwIP's IPv6 reassembly asserts on 64-bit hosts unless the fragment header is
 * copied (the hole descriptor no longer fits in the IPv6 header): a
 * portability fix, not a behaviour change. */
#if defined(LWIP_IPV6) && LWIP_IPV6 && UINTPTR_MAX > 0xFFFFFFFFu
#define LWIPSIM_OVERLAY_SETS_IPV6_FRAG_COPYHEADER 1
#ifdef IPV6_FRAG_COPYHEADER
#define LWIPSIM_PROFILE_HAD_IPV6_FRAG_COPYHEADER 1
#if IPV6_FRAG_COPYHEADER
#define LWIPSIM_PROFILE_IPV6_FRAG_COPYHEADER 1
#else
#define LWIPSIM_PROFILE_IPV6_FRAG_COPYHEADER 0
#endif
#undef IPV6_FRAG_COPYHEADER
#else
#define LWIPSIM_PROFILE_HAD_IPV6_FRAG_COPYHEADER 0
#define LWIPSIM_PROFILE_IPV6_FRAG_COPYHEADER -1
#endif
#define IPV6_FRAG_COPYHEADER 1
#else
/* left to the profile: nothing to list */
#define LWIPSIM_OVERLAY_SETS_IPV6_FRAG_COPYHEADER 0
#define LWIPSIM_PROFILE_HAD_IPV6_FRAG_COPYHEADER 0
#define LWIPSIM_PROFILE_IPV6_FRAG_COPYHEADER -1
#endif

#include "lwipsim_demand_pools.h"

#endif
