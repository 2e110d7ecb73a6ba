/* The firmware's lwipsim_symbol_name (sim/stack/probe/symbols.h): the chip
 * has no symbol table, so a code address is named by its value, "0x10001a2d";
 * the host names it from the image's ELF when it reads the run state
 * (sim/stack/target/target_engine.c). */
#include <stdint.h>
#include <stdio.h>

#include "stack/probe/symbols.h"

/* The host's names stay valid for the run (the probe keeps a failure site
 * while it walks the timer list, which names a dozen more), so each
 * distinct address keeps its own slot; a handful of handlers is all a run
 * names. Past that, the oldest slot is reused. */
#define SLOTS 64

const char *lwipsim_symbol_name(const void *addr)
{
  static struct {
    const void *addr;
    char text[12];
  } slot[SLOTS];
  static unsigned used;
  for (unsigned i = 0; i < used && i < SLOTS; i++) {
    if (slot[i].addr == addr) {
      return slot[i].text;
    }
  }
  unsigned k = used++ % SLOTS;
  slot[k].addr = addr;
  snprintf(slot[k].text, sizeof slot[k].text, "0x%08lx", (unsigned long)(uintptr_t)addr);
  return slot[k].text;
}
