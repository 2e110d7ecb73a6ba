/* lwIP port glue for the firmware build (firmware/CMakeLists.txt): only what
 * lwIP needs from arch/cc.h to compile a profile's lwipopts.h for the RP2040.
 * Unlike the host port (sim/stack/port/include) there is no overlay: lwIP
 * includes the profile's own lwipopts.h, unchanged. */
#ifndef LWIPSIM_FIRMWARE_ARCH_CC_H
#define LWIPSIM_FIRMWARE_ARCH_CC_H

/* As the host port: the profile's header before any default (lwip/def.h
 * reaches arch/cc.h before lwip/opt.h has read lwipopts.h). */
#include "lwipopts.h"

#include <stdint.h>

/* The random source a Pico SDK port supplies when the header names none (as
 * pico-sdk's pico_lwip arch/cc.h: pico_lwip_random). Declared only: nothing
 * is linked here. */
#ifndef LWIP_RAND
uint32_t pico_lwip_random(void);
#define LWIP_RAND() pico_lwip_random()
#endif

/* LWIPSIM_PROFILE_DECLARES_SYS_PROT_T: as on the host, found at configure
 * time (cmake/LwipsimLwip.cmake), since a typedef is invisible to #ifdef. */
#if !defined(LWIPSIM_PROFILE_DECLARES_SYS_PROT_T) || !LWIPSIM_PROFILE_DECLARES_SYS_PROT_T
typedef uint32_t sys_prot_t;
#endif

#endif
