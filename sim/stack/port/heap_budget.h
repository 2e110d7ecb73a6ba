/* The firmware heap that MEM_CUSTOM_ALLOCATOR profiles route lwIP's memory
 * to (CircuitPython >= 9.2.5: lwip_heap_malloc on its TLSF heap). The sim
 * gives it the byte budget from the profile metadata and counts its use. */
#ifndef LWIPSIM_HEAP_BUDGET_H
#define LWIPSIM_HEAP_BUDGET_H

#include <stddef.h>
#include <stdint.h>

/* 0 = no budget configured: the heap is not tracked. */
void lwipsim_heap_init(uint64_t budget_bytes);

/* Refuse beyond limit_bytes instead of the budget (the budget stays the
 * figure the record calls the size): a demand run lifts it (UINT64_MAX), a
 * capped or swept one sets it. */
void lwipsim_heap_set_limit(uint64_t limit_bytes);

void *lwip_heap_malloc(size_t size);
void lwip_heap_free(void *ptr);
void *lwip_heap_calloc(size_t num, size_t size);

#endif
