#include "stack/port/sim_options.h"

#include <stddef.h>

#include "lwip/opt.h"
#include "stack/port/include/lwipsim_overlay_list.h"

size_t lwipsim_sim_changed_options(const char **out, size_t max)
{
  size_t n = 0;
#define ADD(s)        \
  do {                \
    if (n < max) {    \
      out[n++] = (s); \
    }                 \
  } while (0)

  /* what the overlay replaced: one entry per option, from its list */
#define OVERLAY_ENTRY(option, listed, when_defined, when_undefined)                      \
  if (listed) {                                                                          \
    const char *line = LWIPSIM_PROFILE_HAD_##option ? (when_defined) : (when_undefined); \
    if (line != NULL) {                                                                  \
      ADD(line);                                                                         \
    }                                                                                    \
  }
  LWIPSIM_OVERLAY_OPTIONS(OVERLAY_ENTRY)
#undef OVERLAY_ENTRY
  /* what the port supplies beside the overlay */
#if !defined(LWIP_CHKSUM) && defined(LWIP_CHKSUM_ALGORITHM) && LWIP_CHKSUM_ALGORITHM == 0
  ADD("lwip_standard_chksum: firmware's (LWIP_CHKSUM_ALGORITHM 0) -> lwipsim's portable RFC 1071 sum, unless a "
      "shim defines it");
#endif
#ifdef LWIPSIM_PROFILE_SHIMS
  ADD("shims: " LWIPSIM_PROFILE_SHIMS " (the profile's stand-ins for firmware headers and functions)");
#endif
  ADD("sys_now: firmware's clock -> virtual clock");
  ADD("memp_malloc, memp_free, sys_timeout, tcp_timer_needed: wrapped at link time to count (pool sizes unchanged)");
  ADD("mem_malloc, mem_calloc, mem_trim, mem_free: wrapped at link time to count the heap (lwIP's allocator decides "
      "every allocation)");
#undef ADD
  return n;
}
