/* The firmware's lwipsim_symbol_name (sim/stack/probe/symbols.h): the chip
 * has no symbol table, so a code address is named by its value, "0x10001a2d";
 * the host names it from the image's ELF when it reads the run state. */
#include <stdint.h>
#include <stdio.h>

#include "stack/probe/symbols.h"

const char *lwipsim_symbol_name(const void *addr)
{
  /* A few slots: the probe may hold two names at once (a failure site and
   * the arming timer); each stays valid until the ring comes round. */
  static char ring[4][12];
  static unsigned next;
  char *s = ring[next++ % 4];
  snprintf(s, sizeof ring[0], "0x%08lx", (unsigned long)(uintptr_t)addr);
  return s;
}
