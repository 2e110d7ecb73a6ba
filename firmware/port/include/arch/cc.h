/* lwIP port glue for the firmware build (firmware/CMakeLists.txt): only what
 * lwIP needs from arch/cc.h to compile a profile's lwipopts.h for the RP2040.
 * Unlike the host port (sim/stack/port/include) there is no overlay: lwIP
 * includes the profile's own lwipopts.h, unchanged. */
#ifndef LWIPSIM_FIRMWARE_ARCH_CC_H
#define LWIPSIM_FIRMWARE_ARCH_CC_H

#include <stdint.h>

/* LWIPSIM_PROFILE_DECLARES_SYS_PROT_T: as on the host, found at configure
 * time (cmake/LwipsimLwip.cmake), since a typedef is invisible to #ifdef. */
#if !defined(LWIPSIM_PROFILE_DECLARES_SYS_PROT_T) || !LWIPSIM_PROFILE_DECLARES_SYS_PROT_T
typedef uint32_t sys_prot_t;
#endif

#endif
