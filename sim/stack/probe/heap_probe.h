/* Heap probe: counts lwIP's heap like a pool, through link-time wraps of
 * mem_malloc, mem_calloc, mem_trim and mem_free (lwIP's mem.c still decides
 * every allocation). For mem.c's own heap (MEM_SIZE) it reads each block's
 * size from mem.c's block headers and walks them for the largest free block;
 * for a MEM_CUSTOM_ALLOCATOR profile with a heap budget it takes the bytes
 * from stack/port/heap_budget.c. Figures are this host's (64-bit) bytes. */
#ifndef LWIPSIM_HEAP_PROBE_H
#define LWIPSIM_HEAP_PROBE_H

#include <stddef.h>
#include <stdint.h>

struct lwipsim_timeline_point;

/* Which heap this profile has, its size (the profile's MEM_SIZE or budget)
 * and what this build holds; an empty timeline over duration_ms. Call after
 * lwipsim_heap_init() and before lwip_init(). */
void lwipsim_heap_probe_init(uint64_t duration_ms);

/* Whether this profile's heap is counted: mem.c's heap, or a
 * MEM_CUSTOM_ALLOCATOR profile with a heap budget (heap_budget_bytes). */
int lwipsim_heap_probe_counted(void);

/* --cap HEAP=N: allocations a heap of N bytes could not hold fail (mem.c: the
 * block mem.c chose would end past N; a budget: more than N bytes in use).
 * -1 when this profile's heap is not counted. */
int lwipsim_heap_probe_set_cap(uint64_t bytes);

/* --profile-caps: the heap as the profile configured it. */
void lwipsim_heap_probe_cap_to_profile(void);

/* The demand build's MEM_SIZE line for the record's sim_changed_options, or
 * NULL (a faithful build, or a heap that is not mem.c's). */
const char *lwipsim_heap_probe_changed_option(void);

/* Bytes in use over time (bounded, stack/state/timeline.h). */
const struct lwipsim_timeline_point *lwipsim_heap_probe_timeline(size_t *n);

#endif
