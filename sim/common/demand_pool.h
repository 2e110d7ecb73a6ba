/* The element count every fixed pool gets in a demand build (LWIPSIM_DEMAND=1,
 * the *-demand runners): large enough that a run measures what the traffic
 * needs rather than a limit. The overlay compiles the pools at this size
 * (sim/stack/port/include/lwipsim_demand_pools.h), and `lwipsim sweep` and
 * `lwipsim report` cap a demand run at most this far. */
#ifndef LWIPSIM_DEMAND_POOL_H
#define LWIPSIM_DEMAND_POOL_H

#define LWIPSIM_DEMAND_POOL 250

#endif
