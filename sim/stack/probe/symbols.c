#include "stack/probe/symbols.h"

#include <elfutils/libdwfl.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

/* A handful of distinct handlers are named over and over (every new peak walks
 * the whole list), so remember the answers. */
#define CACHE_SIZE 256

static Dwfl *dwfl;
static pid_t self_pid;
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
  /* A forked child has its own pid; reports are per process. */
  if (dwfl != NULL && self_pid == getpid()) {
    return dwfl;
  }
  if (dwfl != NULL) {
    /* the parent's handle, inherited: end this process's copy of it (it
     * leaked in every forked child), and the cached names that point into it */
    dwfl_end(dwfl);
    dwfl = NULL;
    memset(cache, 0, sizeof cache);
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
  self_pid = getpid();
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
