#ifndef LWIPSIM_PLATFORM_H
#define LWIPSIM_PLATFORM_H

#include <stdint.h>

void lwipsim_rand_seed(uint32_t seed);
uint32_t lwipsim_rand(void);

/* lwIP's LWIP_PLATFORM_ASSERT calls lwipsim_assert_hook (the overlay); the
 * port forwards it to the handler the probe registers (its assert policy),
 * so the port depends on nobody above it. Without a handler: lwIP's default,
 * print and abort(). */
typedef void (*lwipsim_assert_handler)(const char *message, const char *file, int line);
void lwipsim_port_set_assert_handler(lwipsim_assert_handler h);

#endif
