#include "fw_ram/fw_ram.h"

#include <elf.h>
#include <elfutils/libdw.h>
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/error_text.h"
#include "fw_ram/fw_ram_priv.h"

/* The ELF half of the reader: symbols, section sizes, the pool table; the
 * DWARF half is fw_ram_dwarf.c. */

const struct sym *lwipsim_fw_find_sym(const struct reader *r, const char *name)
{
  for (size_t i = 0; i < r->n_syms; i++) {
    if (strcmp(r->syms[i].name, name) == 0) {
      return &r->syms[i];
    }
  }
  return NULL;
}

static int load_symbols(struct reader *r)
{
  Elf_Scn *scn = NULL;
  while ((scn = elf_nextscn(r->elf, scn)) != NULL) {
    GElf_Shdr sh;
    if (gelf_getshdr(scn, &sh) == NULL || sh.sh_type != SHT_SYMTAB) {
      continue;
    }
    Elf_Data *data = elf_getdata(scn, NULL);
    size_t n = sh.sh_entsize ? sh.sh_size / sh.sh_entsize : 0;
    r->syms = calloc(n ? n : 1, sizeof *r->syms);
    if (data == NULL || r->syms == NULL) {
      break;
    }
    for (size_t i = 0; i < n; i++) {
      GElf_Sym s;
      const char *name;
      if (gelf_getsym(data, (int)i, &s) == NULL || (name = elf_strptr(r->elf, sh.sh_link, s.st_name)) == NULL ||
          name[0] == '\0') {
        continue;
      }
      r->syms[r->n_syms++] =
          (struct sym){ name, (uint32_t)s.st_value, (uint32_t)s.st_size, GELF_ST_TYPE(s.st_info), s.st_shndx };
    }
    return 0;
  }
  lwipsim_set_err(r->err, r->errlen, "%s: no symbol table (a stripped image?)", r->path);
  return -1;
}

/* Copies len bytes at virtual address addr out of the section holding them. */
static int read_bytes(const struct reader *r, uint32_t addr, void *buf, size_t len)
{
  Elf_Scn *scn = NULL;
  while ((scn = elf_nextscn(r->elf, scn)) != NULL) {
    GElf_Shdr sh;
    if (gelf_getshdr(scn, &sh) == NULL || sh.sh_type == SHT_NOBITS || !(sh.sh_flags & SHF_ALLOC) || addr < sh.sh_addr ||
        addr + len > sh.sh_addr + sh.sh_size) {
      continue;
    }
    Elf_Data *d = elf_getdata(scn, NULL);
    if (d == NULL || d->d_buf == NULL || addr - sh.sh_addr + len > d->d_size) {
      return -1;
    }
    memcpy(buf, (const char *)d->d_buf + (addr - sh.sh_addr), len);
    return 0;
  }
  return -1;
}

static uint32_t le32(const unsigned char *b) { return b[0] | b[1] << 8 | b[2] << 16 | (uint32_t)b[3] << 24; }

static uint32_t section_size(const struct reader *r, const char *name)
{
  size_t shstrndx;
  if (elf_getshdrstrndx(r->elf, &shstrndx) != 0) {
    return 0;
  }
  uint32_t total = 0;
  Elf_Scn *scn = NULL;
  while ((scn = elf_nextscn(r->elf, scn)) != NULL) {
    GElf_Shdr sh;
    const char *n;
    if (gelf_getshdr(scn, &sh) != NULL && (n = elf_strptr(r->elf, shstrndx, sh.sh_name)) != NULL &&
        strcmp(n, name) == 0) {
      total += (uint32_t)sh.sh_size;
    }
  }
  return total;
}

/* Each pool of memp_pools[], by the descriptor it points at: its name (the
 * descriptor's symbol), element size and count, and its array's bytes. */
static int read_pools(struct reader *r, struct lwipsim_fw_ram *out)
{
  const struct sym *table = lwipsim_fw_find_sym(r, "memp_pools");
  int size_off, num_off;
  if (table == NULL || table->size % 4 != 0 || table->size / 4 > LWIPSIM_FW_MAX_POOLS) {
    lwipsim_set_err(r->err, r->errlen, "%s: no lwIP pool table (memp_pools)", r->path);
    return -1;
  }
  if (lwipsim_fw_memp_desc_layout(r, &size_off, &num_off) != 0) {
    lwipsim_set_err(r->err, r->errlen, "%s: no DWARF for lwIP's struct memp_desc (built without -g?)", r->path);
    return -1;
  }
  out->pools_malloc = num_off < 0; /* MEMP_MEM_MALLOC compiles num, base and tab out */
  unsigned char ptrs[4 * LWIPSIM_FW_MAX_POOLS];
  if (read_bytes(r, table->value, ptrs, table->size) != 0) {
    lwipsim_set_err(r->err, r->errlen, "%s: cannot read memp_pools", r->path);
    return -1;
  }
  for (size_t i = 0; i < table->size / 4; i++) {
    uint32_t desc = le32(ptrs + 4 * i);
    struct lwipsim_fw_pool *p = &out->pools[out->n_pools++];
    for (size_t k = 0; k < r->n_syms; k++) {
      const struct sym *s = &r->syms[k];
      if (s->value == desc && s->type == STT_OBJECT && strncmp(s->name, "memp_", 5) == 0) {
        strncpy(p->name, s->name + 5, sizeof p->name - 1);
        break;
      }
    }
    unsigned char d[4];
    if (p->name[0] == '\0' || read_bytes(r, desc + (uint32_t)size_off, d, 2) != 0) {
      lwipsim_set_err(r->err, r->errlen, "%s: pool %zu of memp_pools has no readable descriptor", r->path, i);
      return -1;
    }
    p->elem_bytes = d[0] | d[1] << 8;
    if (num_off >= 0 && read_bytes(r, desc + (uint32_t)num_off, d, 2) == 0) {
      p->num = d[0] | d[1] << 8;
    }
    char base[64];
    snprintf(base, sizeof base, "memp_memory_%s_base", p->name);
    const struct sym *mem = lwipsim_fw_find_sym(r, base);
    p->bytes = mem ? mem->size : 0;
    out->pools_bytes += p->bytes;
  }
  return 0;
}

/* Whose variable a compilation unit's is, by its source path. */
static int read_image(struct reader *r, struct lwipsim_fw_ram *out)
{
  GElf_Ehdr eh;
  if (elf_kind(r->elf) != ELF_K_ELF || gelf_getehdr(r->elf, &eh) == NULL) {
    lwipsim_set_err(r->err, r->errlen, "%s: not an ELF file", r->path);
    return -1;
  }
  if (eh.e_ident[EI_CLASS] != ELFCLASS32 || eh.e_machine != EM_ARM) {
    lwipsim_set_err(r->err, r->errlen, "%s: not a 32-bit ARM image (the RP2040 firmware is one)", r->path);
    return -1;
  }
  if (load_symbols(r) != 0) {
    return -1;
  }
  const struct sym *end = lwipsim_fw_find_sym(r, "__lwipsim_ram_end"),
                   *sram = lwipsim_fw_find_sym(r, "__lwipsim_sram_size");
  if (end == NULL || sram == NULL) {
    lwipsim_set_err(r->err, r->errlen, "%s: not an lwipsim firmware image (no __lwipsim_ram_end)", r->path);
    return -1;
  }
  r->ram_end = end->value;
  out->image_bytes = end->value - SRAM_BASE;
  out->sram_bytes = sram->value;
  out->data_bytes = section_size(r, ".data");
  out->bss_bytes = section_size(r, ".bss");
  out->tls_bytes = section_size(r, ".tdata") + section_size(r, ".tbss_space");
  out->malloc_bytes = section_size(r, ".heap");
  out->stack_bytes = section_size(r, ".stack");
  const struct sym *heap = lwipsim_fw_find_sym(r, "ram_heap");
  out->heap_bytes = heap ? heap->size : 0;
  if (r->dw == NULL) {
    lwipsim_set_err(r->err, r->errlen, "%s: no DWARF (the firmware build compiles with -g)", r->path);
    return -1;
  }
  if (read_pools(r, out) != 0) {
    return -1;
  }
  return lwipsim_fw_read_owners(r, out);
}

int lwipsim_fw_ram_read(const char *elf_path, struct lwipsim_fw_ram *out, char *err, size_t errlen)
{
  memset(out, 0, sizeof *out);
  int fd = open(elf_path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    lwipsim_set_err(err, errlen, "%s: cannot open (%s)", elf_path, strerror(errno));
    return -1;
  }
  elf_version(EV_CURRENT);
  struct reader r = { .path = elf_path, .err = err, .errlen = errlen };
  r.elf = elf_begin(fd, ELF_C_READ, NULL);
  int rc = -1;
  if (r.elf == NULL) {
    lwipsim_set_err(err, errlen, "%s: not an ELF file (%s)", elf_path, elf_errmsg(-1));
  } else {
    r.dw = dwarf_begin_elf(r.elf, DWARF_C_READ, NULL);
    rc = read_image(&r, out);
    if (r.dw != NULL) {
      dwarf_end(r.dw);
    }
    elf_end(r.elf);
  }
  free(r.syms);
  close(fd);
  return rc;
}

const struct lwipsim_fw_pool *lwipsim_fw_ram_pool(const struct lwipsim_fw_ram *r, const char *name)
{
  for (size_t i = 0; i < r->n_pools; i++) {
    if (strcmp(r->pools[i].name, name) == 0) {
      return &r->pools[i];
    }
  }
  return NULL;
}

int lwipsim_fw_ram_fits(const struct lwipsim_fw_ram *r) { return r->image_bytes <= r->sram_bytes; }

size_t lwipsim_fw_ram_largest_pools(const struct lwipsim_fw_ram *r, size_t *idx, size_t max)
{
  size_t n = 0;
  for (size_t i = 0; i < r->n_pools; i++) {
    /* insertion by bytes, largest first; lwIP's order among equals */
    size_t at = n;
    while (at > 0 && r->pools[idx[at - 1]].bytes < r->pools[i].bytes) {
      at--;
    }
    if (at >= max) {
      continue;
    }
    size_t last = n < max ? n : max - 1;
    for (size_t k = last; k > at; k--) {
      idx[k] = idx[k - 1];
    }
    idx[at] = i;
    if (n < max) {
      n++;
    }
  }
  return n;
}
