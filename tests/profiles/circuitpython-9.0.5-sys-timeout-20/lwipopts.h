/*
 * lwipsim TEST profile: circuitpython-9.0.5 options with a larger timeout pool.
 *
 * Everything comes from the 9.0.5 firmware profile; only MEMP_NUM_SYS_TIMEOUT
 * changes, from 11 to 20, so that two mDNS reloads (remove + re-add of the
 * netif's responder, as on a CircuitPython soft reload) fit in the pool.
 *
 * Our arithmetic (from facts sections 2c and 4, IPv4 only): 6 cyclic core
 * timers + 1 TCP timer + up to 6 for the live mDNS instance (1 probe/announce
 * + 5 per IP version) + 1 leaked 25TTL timer per reload within 30 s
 * (2 reloads -> 2) = 15, leaving 5 slots for short-lived timers still queued
 * from the removed instances. With the upstream 11, two such cycles within
 * 30 s exhaust the pool (facts section 4, harness on 9.0.5 config).
 * 20 is our test value, not an upstream one.
 */
#ifndef LWIPSIM_TEST_PROFILE_CP_9_0_5_SYS_TIMEOUT_20_LWIPOPTS_H
#define LWIPSIM_TEST_PROFILE_CP_9_0_5_SYS_TIMEOUT_20_LWIPOPTS_H

#include "../../../lwipopts/circuitpython-9.0.5/lwipopts.h"

#undef MEMP_NUM_SYS_TIMEOUT
#define MEMP_NUM_SYS_TIMEOUT            20  /* test value (see above); upstream 9.0.5 gives 11 */

#endif /* LWIPSIM_TEST_PROFILE_CP_9_0_5_SYS_TIMEOUT_20_LWIPOPTS_H */
