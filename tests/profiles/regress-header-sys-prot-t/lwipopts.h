/*
 * lwipsim TEST profile (issue 8, failure 2): the header declares sys_prot_t
 * and its own critical-section macros, calling firmware lock functions, as
 * MicroPython's extmod lwipopts_common.h does. Before the port learnt to
 * leave sys_prot_t to such a header, lwIP did not compile: "conflicting types
 * for 'sys_prot_t'" against the host arch/cc.h.
 */
#ifndef LWIPSIM_TEST_PROFILE_REGRESS_SYS_PROT_T_H
#define LWIPSIM_TEST_PROFILE_REGRESS_SYS_PROT_T_H

#include <stdint.h>

#include "../../../lwipopts/circuitpython-9.0.5/lwipopts.h"

typedef uint32_t sys_prot_t;
uint32_t firmware_lock_acquire(void);
void firmware_lock_release(uint32_t state);
#define SYS_ARCH_DECL_PROTECT(lev) sys_prot_t lev
#define SYS_ARCH_PROTECT(lev) lev = firmware_lock_acquire()
#define SYS_ARCH_UNPROTECT(lev) firmware_lock_release(lev)

#endif
