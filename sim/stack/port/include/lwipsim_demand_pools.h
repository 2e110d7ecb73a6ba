/* Demand builds (LWIPSIM_DEMAND=1, the *-demand runners): every fixed pool
 * compiled large, so a run measures how many elements the traffic needs.
 * The runner knows the profile's own sizes (sim/stack/probe/pool_config.c)
 * and can cap each pool back to them at run time. Left at the profile's size:
 * MEMP_NUM_ND6_QUEUE (nd6.c also uses it as a queue-length limit, which is
 * behaviour) and MEMP_NUM_REASSDATA (lwIP refuses more than
 * IP_REASS_MAX_PBUFS). Included by the overlay (lwipopts.h) after the
 * profile's header. */
#ifndef LWIPSIM_DEMAND_POOLS_H
#define LWIPSIM_DEMAND_POOLS_H

#if defined(LWIPSIM_DEMAND) && LWIPSIM_DEMAND
/* by path: lwIP's include path has this folder, not sim/ */
#include "../../../common/demand_pool.h"

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
