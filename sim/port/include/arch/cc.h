/* lwipsim host port: compiler and platform glue for lwIP on Linux.
 * Only observation is added here: the assert hook reports to the simulator,
 * which applies the profile's assert policy (panic / silent / abort). */
#ifndef LWIPSIM_ARCH_CC_H
#define LWIPSIM_ARCH_CC_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/time.h>

typedef int sys_prot_t;

void lwipsim_assert_hook(const char *message, const char *file, int line);
void lwipsim_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
uint32_t lwipsim_rand(void);

/* lwIP's default asserts print and abort(); the hook decides per profile. */
#define LWIP_PLATFORM_ASSERT(x) lwipsim_assert_hook((x), __FILE__, __LINE__)
/* Diagnostics go to the run's event log, not to stdout: stdout carries the table. */
#define LWIP_PLATFORM_DIAG(x) do { lwipsim_diag x; } while (0)

#define LWIP_NO_CTYPE_H 0

#endif
