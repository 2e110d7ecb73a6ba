#include "port/sim_options.h"

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
  ADD("LWIP_PLATFORM_ASSERT: firmware's -> lwipsim assert hook applying the profile's assert policy");
  ADD("sys_now: firmware's clock -> virtual clock");
  ADD("memp_malloc, memp_free, sys_timeout, tcp_timer_needed: wrapped at link time to count (pool sizes unchanged)");
#undef ADD
  return n;
}
