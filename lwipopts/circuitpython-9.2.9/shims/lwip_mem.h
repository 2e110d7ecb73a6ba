/*
 * lwipsim shim for CircuitPython's "lwip_mem.h"
 * (adafruit/circuitpython@9.2.9 ports/raspberrypi/lwip_inc/lwip_mem.h:9-13):
 * the prototypes of the heap hooks that this profile's lwipopts.h names in
 * MEM_CUSTOM_MALLOC / MEM_CUSTOM_FREE / MEM_CUSTOM_CALLOC. On the device they
 * allocate from the port's heap (lwip_src/lwip_mem.c); in lwipsim
 * sim/port/heap_budget.c defines them.
 */
#ifndef LWIPSIM_SHIM_CIRCUITPYTHON_9_2_9_LWIP_MEM_H
#define LWIPSIM_SHIM_CIRCUITPYTHON_9_2_9_LWIP_MEM_H

#include <stddef.h>

void *lwip_heap_malloc(size_t size);
void lwip_heap_free(void *ptr);
void *lwip_heap_calloc(size_t num, size_t size);

#endif
