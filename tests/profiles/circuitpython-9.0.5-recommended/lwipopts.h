/*
 * lwipsim TEST profile: circuitpython-9.0.5 options with every pool the report
 * calls UNSAFE for 9.0.5 (MEMP_NUM_SYS_TIMEOUT, MEMP_NUM_TCP_PCB, and the
 * heap, MEM_SIZE) set to what `lwipsim report` recommends on the bundled
 * scenarios.
 *
 * The values are the report's, not ours: SYS_TIMEOUT is lwIP's worst case for
 * these options and the device script (23; the demand run of mdns-http-reload
 * peaks at 13), TCP_PCB what eight parallel clients hold at once outside
 * TIME_WAIT (8, http-concurrent), MEM_SIZE the heap's demand (14648 64-bit host
 * bytes, http-concurrent) plus the report's 25% fragmentation allowance, rounded
 * up to 256 bytes (18432). tests/report checks that the report's
 * recommendations still equal this profile's sizes, and that every bundled
 * scenario is `ok` with them; when a recommendation moves, update its line.
 */
#ifndef LWIPSIM_TEST_PROFILE_CP_9_0_5_RECOMMENDED_LWIPOPTS_H
#define LWIPSIM_TEST_PROFILE_CP_9_0_5_RECOMMENDED_LWIPOPTS_H

#include "../../../lwipopts/circuitpython-9.0.5/lwipopts.h"

#undef MEMP_NUM_SYS_TIMEOUT
#define MEMP_NUM_SYS_TIMEOUT (LWIP_NUM_SYS_TIMEOUT_INTERNAL + 16) /* = 23, the report's recommendation */
#undef MEMP_NUM_TCP_PCB
#define MEMP_NUM_TCP_PCB 8 /* the report's recommendation: eight parallel clients (http-concurrent) */
#undef MEM_SIZE
#define MEM_SIZE 18432 /* the report's HEAP recommendation (64-bit host bytes) */

#endif /* LWIPSIM_TEST_PROFILE_CP_9_0_5_RECOMMENDED_LWIPOPTS_H */
