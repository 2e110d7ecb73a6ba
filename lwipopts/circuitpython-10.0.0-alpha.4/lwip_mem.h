/*
 * lwipsim shim for the CircuitPython firmware header "lwip_mem.h"
 * (adafruit/circuitpython ports/raspberrypi/lwip_inc/lwip_mem.h, not copied).
 * Declares the custom lwIP heap hooks named by MEM_CUSTOM_MALLOC/FREE/CALLOC in
 * this profile's lwipopts.h. On the device they sit on the port's TLSF heap
 * (lwip_src/lwip_mem.c -> port_malloc); in lwipsim the simulator defines them.
 */
#ifndef LWIPSIM_SHIM_CIRCUITPYTHON_LWIP_MEM_H
#define LWIPSIM_SHIM_CIRCUITPYTHON_LWIP_MEM_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

void *lwip_heap_malloc(size_t size);
void lwip_heap_free(void *ptr);
void *lwip_heap_calloc(size_t num, size_t size);

#ifdef __cplusplus
}
#endif

#endif /* LWIPSIM_SHIM_CIRCUITPYTHON_LWIP_MEM_H */
