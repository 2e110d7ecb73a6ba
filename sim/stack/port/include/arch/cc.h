/* lwipsim host port: compiler and platform glue for lwIP on Linux.
 *
 * The firmware's lwipopts.h decides; this file only fills in what it left
 * undefined. lwIP includes arch/cc.h from lwip/arch.h, and lwip/def.h includes
 * that before lwip/opt.h has read lwipopts.h, so the overlay (and with it the
 * profile's header) is included first here: by the time the defaults below are
 * considered, everything the header defines is known. */
#ifndef LWIPSIM_ARCH_CC_H
#define LWIPSIM_ARCH_CC_H

#include "lwipopts.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* A header may declare sys_prot_t itself (MicroPython's lwipopts_common.h
 * does); a typedef cannot be tested with #ifdef, so the build compiles the
 * header alone once and says whether it did (cmake/LwipsimProfile.cmake,
 * LWIPSIM_PROFILE_DECLARES_SYS_PROT_T). */
#if !defined(LWIPSIM_PROFILE_DECLARES_SYS_PROT_T) || !LWIPSIM_PROFILE_DECLARES_SYS_PROT_T
typedef int sys_prot_t;
#endif

#endif
