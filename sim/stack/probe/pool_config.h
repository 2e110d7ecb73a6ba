#ifndef LWIPSIM_POOL_CONFIG_H
#define LWIPSIM_POOL_CONFIG_H

#include <stddef.h>
#include <stdint.h>

/* In lwIP's memp order; the same order in demand and faithful builds,
 * since a demand build only changes counts, never which pools exist. */
extern const uint32_t lwipsim_profile_pool_sizes[];
extern const size_t lwipsim_profile_pool_count;
/* The profile's MEM_SIZE (mem.c's heap; unused by MEM_LIBC_MALLOC and
 * MEM_CUSTOM_ALLOCATOR profiles). */
extern const uint64_t lwipsim_profile_mem_size;

#endif
