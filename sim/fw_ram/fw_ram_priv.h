/* Internal to sim/fw_ram: the ELF being read (fw_ram.c: symbols, sections,
 * pools) and what the DWARF half (fw_ram_dwarf.c: struct layouts, whose
 * variables are whose) needs of it. */
#ifndef LWIPSIM_FW_RAM_PRIV_H
#define LWIPSIM_FW_RAM_PRIV_H

#include <elfutils/libdw.h>
#include <libelf.h>
#include <stddef.h>
#include <stdint.h>

#include "fw_ram/fw_ram.h"

/* RP2040 datasheet 2.2: SRAM starts here. */
#define SRAM_BASE 0x20000000u

struct sym {
  const char *name;
  uint32_t value, size;
  int type;
  size_t shndx;
};

struct reader {
  const char *path;
  Elf *elf;
  Dwarf *dw;
  struct sym *syms;
  size_t n_syms;
  uint32_t ram_end;
  char *err;
  size_t errlen;
};

/* The symbol named name, or NULL. */
const struct sym *lwipsim_fw_find_sym(const struct reader *r, const char *name);

/* Offsets of `size` and `num` in lwIP's struct memp_desc as the image
 * compiled it; num_off -1 when MEMP_MEM_MALLOC compiled it out. Returns 0,
 * or -1 when the DWARF has no struct memp_desc. */
int lwipsim_fw_memp_desc_layout(const struct reader *r, int *size_off, int *num_off);

/* lwIP's and lwipsim's variables in SRAM, and the largest outside lwIP,
 * into out. Returns 0, or -1 with the message in r->err. */
int lwipsim_fw_read_owners(struct reader *r, struct lwipsim_fw_ram *out);

#endif
