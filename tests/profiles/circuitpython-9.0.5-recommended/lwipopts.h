/*
 * lwipsim TEST profile: circuitpython-9.0.5 options with MEMP_NUM_SYS_TIMEOUT
 * set to what `lwipsim report` recommends for 9.0.5 on the bundled scenarios.
 *
 * The value is the report's, not ours: the demand run of mdns-http-reload
 * peaks at 13 armed timers (7 core + 6 mDNS, three of them 25TTL timers left
 * armed by the two reloads), and LWIP_NUM_SYS_TIMEOUT_INTERNAL is 7 for these
 * options (facts file section 4). tests/report checks that the report's
 * recommendation still equals this profile's size, and that every bundled
 * scenario is `ok` with it; when the recommendation moves, update this line.
 */
#ifndef LWIPSIM_TEST_PROFILE_CP_9_0_5_RECOMMENDED_LWIPOPTS_H
#define LWIPSIM_TEST_PROFILE_CP_9_0_5_RECOMMENDED_LWIPOPTS_H

#include "../../../lwipopts/circuitpython-9.0.5/lwipopts.h"

#undef MEMP_NUM_SYS_TIMEOUT
#define MEMP_NUM_SYS_TIMEOUT (LWIP_NUM_SYS_TIMEOUT_INTERNAL + 16) /* = 23, the report's recommendation */

#endif /* LWIPSIM_TEST_PROFILE_CP_9_0_5_RECOMMENDED_LWIPOPTS_H */
