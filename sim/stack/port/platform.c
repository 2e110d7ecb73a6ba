/* The rest of the NO_SYS host port: protection (single-threaded, so a no-op),
 * a seeded PRNG for LWIP_RAND, and lwIP's diagnostics. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "lwip/arch.h"
#include "lwip/sys.h"
#include "stack/port/platform.h"
#include "stack/state/events.h"

static uint64_t rand_state = 1;

void lwipsim_rand_seed(uint32_t seed)
{
  /* splitmix64 of the seed, so seeds 1 and 2 give unrelated streams */
  uint64_t z = (uint64_t)seed + 0x9E3779B97F4A7C15ull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  rand_state = (z ^ (z >> 31)) | 1;
}

uint32_t lwipsim_rand(void)
{
  /* xorshift64*: fast, and identical on every host */
  rand_state ^= rand_state >> 12;
  rand_state ^= rand_state << 25;
  rand_state ^= rand_state >> 27;
  return (uint32_t)((rand_state * 0x2545F4914F6CDD1Dull) >> 32);
}

void lwipsim_diag(const char *fmt, ...)
{
  char line[256];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(line, sizeof line, fmt, ap);
  va_end(ap);
  lwipsim_event_add("lwip: %s", line);
}

static lwipsim_assert_handler assert_handler;

void lwipsim_port_set_assert_handler(lwipsim_assert_handler h) { assert_handler = h; }

void lwipsim_assert_hook(const char *message, const char *file, int line)
{
  if (assert_handler != NULL) {
    assert_handler(message, file, line);
    return;
  }
  fprintf(stderr, "Assertion \"%s\" failed at line %d in %s\n", message, line, file);
  fflush(NULL);
  abort();
}

#if SYS_LIGHTWEIGHT_PROT && !LWIPSIM_PROFILE_HAD_SYS_ARCH_PROTECT
sys_prot_t sys_arch_protect(void) { return 0; }
void sys_arch_unprotect(sys_prot_t pval) { (void)pval; }
#endif
