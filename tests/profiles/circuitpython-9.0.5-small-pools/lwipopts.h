/*
 * lwipsim TEST profile: circuitpython-9.0.5 options with several pools
 * compiled small, so that the runtime caps of a demand build can be checked
 * against real compiled sizes for more than one pool at once (tests/replay:
 * a demand run with --profile-caps and these values as --cap must give the
 * same record as this build). Not a firmware configuration.
 */
#ifndef LWIPSIM_TEST_PROFILE_CP_9_0_5_SMALL_POOLS_LWIPOPTS_H
#define LWIPSIM_TEST_PROFILE_CP_9_0_5_SMALL_POOLS_LWIPOPTS_H

#include "../../../lwipopts/circuitpython-9.0.5/lwipopts.h"

#undef MEMP_NUM_SYS_TIMEOUT
#define MEMP_NUM_SYS_TIMEOUT            20  /* past the 9.0.5 panic, so the run reaches the other pools */
#undef MEMP_NUM_TCP_PCB
#define MEMP_NUM_TCP_PCB                2   /* below the scenario's 13 connections: tcp_alloc recycles */
#undef MEMP_NUM_TCP_PCB_LISTEN
#define MEMP_NUM_TCP_PCB_LISTEN         1   /* exactly the one listener; a reload closes it first */
#undef MEMP_NUM_IGMP_GROUP
#define MEMP_NUM_IGMP_GROUP             2   /* all-systems + mDNS: lwIP's init.c refuses less than 2 */

#endif /* LWIPSIM_TEST_PROFILE_CP_9_0_5_SMALL_POOLS_LWIPOPTS_H */
