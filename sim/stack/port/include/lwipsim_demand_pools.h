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

/* mem.c's heap compiled large, so a demand run's heap peak is what the
 * traffic needs. 64000 is the largest MEM_SIZE lwIP keeps mem_size_t 16 bits
 * for (lwip/mem.h: u32_t above 64000): mem.c's block header, and so every
 * block's bytes, stay as the profile's build has them. A profile already
 * above that gets 1 MiB (one above 1 MiB keeps its own). Only where mem.c's heap is the heap:
 * MEM_LIBC_MALLOC, MEM_CUSTOM_ALLOCATOR and MEM_USE_POOLS leave MEM_SIZE
 * unused. stack/probe/heap_probe.c emulates any smaller heap in this one
 * (--cap HEAP=N, --profile-caps). */
#if !(defined(MEM_LIBC_MALLOC) && MEM_LIBC_MALLOC) && !(defined(MEM_CUSTOM_ALLOCATOR) && MEM_CUSTOM_ALLOCATOR) && \
    !(defined(MEM_USE_POOLS) && MEM_USE_POOLS)
#if !defined(MEM_SIZE) || MEM_SIZE <= 64000
#undef MEM_SIZE
#define MEM_SIZE 64000
#elif MEM_SIZE < 1048576
#undef MEM_SIZE
#define MEM_SIZE 1048576
#endif
#endif
#endif

#endif
