/* What the host port supplies in place of firmware functions a profile's
 * header names but lwipsim cannot have: the firmware's clock setters (a
 * recording no-op) and, for LWIP_CHKSUM_ALGORITHM 0, the checksum routine
 * the firmware would provide. Each substitution is listed in the run record's
 * sim_changed_options (sim/stack/port/sim_options.c). */
#include <stdint.h>

#include "common/inet_checksum.h"
#include "lwip/def.h"
#include "lwip/opt.h"
#include "stack/state/events.h"

void lwipsim_hook_time_set(const char *hook, uint64_t sec, uint64_t sub)
{
  lwipsim_event_add("firmware hook %s(%llu, %llu): recorded, not applied", hook, (unsigned long long)sec,
                    (unsigned long long)sub);
}

/* lwIP's inet_chksum.c, with LWIP_CHKSUM left undefined and
 * LWIP_CHKSUM_ALGORITHM 0, calls lwip_standard_chksum and defines none: the
 * firmware brings its own (arduino-pico's is assembler for the M0+). This is
 * the plain RFC 1071 sum (sim/common/inet_checksum.c) with lwIP's contract
 * (inet_chksum.c, version 1): bytes taken in network order pairwise from any
 * address, folded to 16 bits, not complemented, returned through lwip_htons.
 * Weak, so a shim in the profile's shims/ folder wins. */
#if !defined(LWIP_CHKSUM) && defined(LWIP_CHKSUM_ALGORITHM) && LWIP_CHKSUM_ALGORITHM == 0
uint16_t lwip_standard_chksum(const void *dataptr, int len);

__attribute__((weak)) uint16_t lwip_standard_chksum(const void *dataptr, int len)
{
  return lwip_htons(lwipsim_inet_fold(lwipsim_inet_sum(0, dataptr, len > 0 ? (size_t)len : 0, 0)));
}
#endif
