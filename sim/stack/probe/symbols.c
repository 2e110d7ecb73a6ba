#include "stack/probe/symbols.h"

#include <elfutils/libdwfl.h>
#include <fcntl.h>
#include <link.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
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

/* The runner's own symbol table, read straight from its file: nearly every
 * address named is lwIP's or ours, in the executable, and finding it there
 * is a scan of one table. libdwfl (open_self) reads /proc/self/maps, reports
 * every shared library and loads the executable's table through libelf, 2.3
 * million instructions before the first name, in every runner (issue 12);
 * it stays the answer for everything this does not settle. */
static struct {
  int tried;
  const ElfW(Sym) * syms;
  size_t n_syms;
  const char *strtab;
  size_t strtab_len;
  uintptr_t bias; /* where the executable is loaded (PIE) */
} exe;

static int first_object_bias(struct dl_phdr_info *info, size_t size, void *data)
{
  (void)size;
  *(uintptr_t *)data = (uintptr_t)info->dlpi_addr; /* the first object is the executable */
  return 1;
}

/* The section's bytes within the file, or NULL. */
static const void *section_bytes(const unsigned char *file, size_t len, const ElfW(Shdr) * sh)
{
  if (sh->sh_offset > len || sh->sh_size > len - sh->sh_offset) {
    return NULL;
  }
  return file + sh->sh_offset;
}

static void open_exe_symtab(void)
{
  exe.tried = 1;
  int fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
  struct stat st;
  if (fd < 0) {
    return;
  }
  if (fstat(fd, &st) != 0 || (size_t)st.st_size < sizeof(ElfW(Ehdr))) {
    close(fd);
    return;
  }
  size_t len = (size_t)st.st_size;
  /* mapped for the process's life: the names point into it, in forked runs too */
  const unsigned char *file = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
  close(fd);
  if (file == MAP_FAILED) {
    return;
  }
  const ElfW(Ehdr) *eh = (const void *)file;
  if (memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0 ||
      eh->e_ident[EI_CLASS] != (sizeof(void *) == 8 ? ELFCLASS64 : ELFCLASS32) ||
      eh->e_shentsize != sizeof(ElfW(Shdr)) || eh->e_shoff > len ||
      (size_t)eh->e_shnum > (len - eh->e_shoff) / sizeof(ElfW(Shdr))) {
    munmap((void *)file, len);
    return;
  }
  const ElfW(Shdr) *sh = (const void *)(file + eh->e_shoff);
  for (size_t i = 0; i < eh->e_shnum; i++) {
    if (sh[i].sh_type != SHT_SYMTAB || sh[i].sh_link >= eh->e_shnum || sh[i].sh_entsize != sizeof(ElfW(Sym))) {
      continue;
    }
    const ElfW(Sym) *syms = section_bytes(file, len, &sh[i]);
    const char *strtab = section_bytes(file, len, &sh[sh[i].sh_link]);
    size_t strtab_len = sh[sh[i].sh_link].sh_size;
    if (syms == NULL || strtab == NULL || strtab_len == 0 || strtab[strtab_len - 1] != '\0') {
      break;
    }
    dl_iterate_phdr(first_object_bias, &exe.bias);
    exe.syms = syms;
    exe.n_syms = sh[i].sh_size / sizeof(ElfW(Sym));
    exe.strtab = strtab;
    exe.strtab_len = strtab_len;
    return; /* the file stays mapped */
  }
  munmap((void *)file, len); /* stripped: libdwfl finds what there is */
}

/* The one symbol with a size whose range holds addr, as libdwfl's
 * dwfl_module_addrname chooses it (elfutils libdwfl/dwfl_module_addrsym.c:
 * no section, file or TLS symbols, nor unnamed or undefined ones); NULL when
 * none or several do (aliases, assembly labels): libdwfl decides those. */
static const char *exe_symbol(const void *addr)
{
  if (!exe.tried) {
    open_exe_symtab();
  }
  const char *found = NULL;
  uintptr_t a = (uintptr_t)addr - exe.bias;
  for (size_t i = 0; i < exe.n_syms; i++) {
    const ElfW(Sym) *s = &exe.syms[i];
    if (s->st_size == 0 || a - (uintptr_t)s->st_value >= s->st_size) {
      continue; /* below it (the difference wraps) or past its end */
    }
    unsigned type = ELF64_ST_TYPE(s->st_info);
    if (type == STT_SECTION || type == STT_FILE || type == STT_TLS || s->st_shndx == SHN_UNDEF ||
        s->st_name >= exe.strtab_len || exe.strtab[s->st_name] == '\0') {
      continue;
    }
    if (found != NULL) {
      return NULL;
    }
    found = exe.strtab + s->st_name;
  }
  return found;
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
  const char *name = exe_symbol(addr);
  Dwfl *d = name == NULL ? open_self() : NULL;
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
