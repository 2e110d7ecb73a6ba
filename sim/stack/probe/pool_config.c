/* The profile's own pool sizes, as lwIP computes them from the profile's
 * options. Compiled without LWIPSIM_DEMAND even inside a demand runner, so
 * a demand run can still say what the profile configured and cap each pool
 * back to it. */
#undef LWIPSIM_DEMAND

#include "stack/probe/pool_config.h"

#include "lwip/memp.h"
#include "lwip/opt.h"
#include "netif/ppp/ppp_opts.h" /* PPP_NUM_TIMEOUTS, used by MEMP_NUM_SYS_TIMEOUT */

const uint32_t lwipsim_profile_pool_sizes[] = {
#define LWIP_MEMPOOL(name, num, size, desc) (num),
#include "lwip/priv/memp_std.h"
};

const size_t lwipsim_profile_pool_count = sizeof lwipsim_profile_pool_sizes / sizeof lwipsim_profile_pool_sizes[0];

/* MEM_SIZE as the profile has it (a demand build compiles mem.c's heap
 * larger, sim/stack/port/include/lwipsim_demand_pools.h). */
const uint64_t lwipsim_profile_mem_size = MEM_SIZE;
