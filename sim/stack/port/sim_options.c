#include "stack/port/sim_options.h"

#include "lwip/opt.h"

#define STR2(x) #x
#define STR(x) STR2(x)

size_t lwipsim_sim_changed_options(const char **out, size_t max)
{
  size_t n = 0;
#define ADD(s)                                                                                   \
  do {                                                                                           \
    if (n < max) {                                                                               \
      out[n++] = (s);                                                                            \
    }                                                                                            \
  } while (0)

#if LWIPSIM_PROFILE_LWIP_TESTMODE != 1
#if LWIPSIM_PROFILE_LWIP_TESTMODE == -1
  ADD("LWIP_TESTMODE: unset (0) -> 1, to walk the armed-timeout list (observation only)");
#else
  ADD("LWIP_TESTMODE: " STR(LWIPSIM_PROFILE_LWIP_TESTMODE) " -> 1, to walk the armed-timeout list (observation only)");
#endif
#endif
#if LWIPSIM_PROFILE_HAD_LWIP_RAND
  ADD("LWIP_RAND: firmware's random source -> seeded deterministic PRNG (scenario seed)");
#else
  ADD("LWIP_RAND: unset -> seeded deterministic PRNG (scenario seed)");
#endif
#if defined(LWIPSIM_PROFILE_IPV6_FRAG_COPYHEADER) && LWIPSIM_PROFILE_IPV6_FRAG_COPYHEADER != 1
  ADD("IPV6_FRAG_COPYHEADER: " STR(LWIPSIM_PROFILE_IPV6_FRAG_COPYHEADER) " -> 1, required on 64-bit hosts (portability)");
#endif
#if LWIPSIM_PROFILE_HAD_LWIP_PLATFORM_ASSERT
  ADD("LWIP_PLATFORM_ASSERT: the header's -> lwipsim assert hook applying the profile's assert policy");
#else
  ADD("LWIP_PLATFORM_ASSERT: firmware's -> lwipsim assert hook applying the profile's assert policy");
#endif
#if LWIPSIM_PROFILE_HAD_LWIP_PLATFORM_DIAG
  ADD("LWIP_PLATFORM_DIAG: the header's -> the run's event log");
#endif
#if LWIPSIM_PROFILE_HAD_SYS_ARCH_PROTECT
  ADD("SYS_ARCH_DECL_PROTECT, SYS_ARCH_PROTECT, SYS_ARCH_UNPROTECT: the header's critical sections -> no-op "
      "(single-threaded simulation)");
#endif
#if LWIPSIM_PROFILE_HAD_SNTP_SET_SYSTEM_TIME
  ADD("SNTP_SET_SYSTEM_TIME: the header's firmware clock setter -> recording no-op (an event per call)");
#endif
#if LWIPSIM_PROFILE_HAD_SNTP_SET_SYSTEM_TIME_US
  ADD("SNTP_SET_SYSTEM_TIME_US: the header's firmware clock setter -> recording no-op (an event per call)");
#endif
#if LWIPSIM_PROFILE_HAD_SNTP_SET_SYSTEM_TIME_NTP
  ADD("SNTP_SET_SYSTEM_TIME_NTP: the header's firmware clock setter -> recording no-op (an event per call)");
#endif
#if LWIPSIM_PROFILE_HAD_SNTP_GET_SYSTEM_TIME
  ADD("SNTP_GET_SYSTEM_TIME: the header's firmware clock getter -> 0 s, 0 us (lwIP's default)");
#endif
#if LWIPSIM_PROFILE_HAD_SNTP_GET_SYSTEM_TIME_NTP
  ADD("SNTP_GET_SYSTEM_TIME_NTP: the header's firmware clock getter -> 0 s, 0 frac (lwIP's default)");
#endif
#if !defined(LWIP_CHKSUM) && defined(LWIP_CHKSUM_ALGORITHM) && LWIP_CHKSUM_ALGORITHM == 0
  ADD("lwip_standard_chksum: firmware's (LWIP_CHKSUM_ALGORITHM 0) -> lwipsim's portable RFC 1071 sum, unless a "
      "shim defines it");
#endif
#ifdef LWIPSIM_PROFILE_SHIMS
  ADD("shims: " LWIPSIM_PROFILE_SHIMS " (the profile's stand-ins for firmware headers and functions)");
#endif
  ADD("sys_now: firmware's clock -> virtual clock");
  ADD("memp_malloc, memp_free, sys_timeout, tcp_timer_needed: wrapped at link time to count (pool sizes unchanged)");
#undef ADD
  return n;
}
