#include "stack/probe/symbols.h"

#include <elfutils/libdwfl.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

/* A handful of distinct handlers are named over and over (every new peak walks
 * the whole list), so remember the answers. */
#define CACHE_SIZE 256

/* One handle per runner, opened by the first name asked for. A run is a
 * forked child of the runner (or of its fork server, sim/runner/serve.c),
 * which stays alive until the child has ended: the child's address space is
 * the parent's, module for module, so the parent's handle and the names it
 * has cached answer for the child too. Opening a new one in every child
 * (reading /proc/PID/maps and each module's symbol table again) was a third
 * of a short run's instructions. */
static Dwfl *dwfl;
static struct {
  const void *addr;
  const char *name;
} cache[CACHE_SIZE];

static Dwfl *open_self(void)
{
  static const Dwfl_Callbacks callbacks = {
    .find_elf = dwfl_linux_proc_find_elf,
    .find_debuginfo = dwfl_standard_find_debuginfo,
  };
  if (dwfl != NULL) {
    return dwfl;
  }
  Dwfl *d = dwfl_begin(&callbacks);
  if (d == NULL) {
    return NULL;
  }
  if (dwfl_linux_proc_report(d, getpid()) != 0 || dwfl_report_end(d, NULL, NULL) != 0) {
    dwfl_end(d);
    return NULL;
  }
  dwfl = d;
  return dwfl;
}

const char *lwipsim_symbol_name(const void *addr)
{
  if (addr == NULL) {
    return "NULL";
  }
  size_t slot = ((uintptr_t)addr >> 4) % CACHE_SIZE;
  if (cache[slot].addr == addr) {
    return cache[slot].name;
  }
  Dwfl *d = open_self();
  const char *name = NULL;
  if (d != NULL) {
    Dwarf_Addr a = (Dwarf_Addr)(uintptr_t)addr;
    Dwfl_Module *mod = dwfl_addrmodule(d, a);
    if (mod != NULL) {
      name = dwfl_module_addrname(mod, a);
    }
  }
  if (name == NULL) {
    return "?";
  }
  cache[slot].addr = addr;
  cache[slot].name = name;
  return name;
}
