/* The RAM an RP2040 firmware image needs, read from its ELF (firmware/): each
 * lwIP memp pool, lwIP's heap, lwIP's variables in all, and the image's whole
 * SRAM footprint against the chip's 264 KiB. lwIP-independent: the figures
 * come from the image's symbol table (libelf) and its DWARF (libdw). */
#ifndef LWIPSIM_FW_RAM_H
#define LWIPSIM_FW_RAM_H

#include <stddef.h>
#include <stdint.h>

/* RP2040 datasheet 2.2: SRAM0-5, 264 KiB. The image's linker script states
 * it too (__lwipsim_sram_size); the reader takes the script's value. */
#define LWIPSIM_FW_SRAM_BYTES (264u * 1024u)
#define LWIPSIM_FW_MAX_POOLS 64
#define LWIPSIM_FW_TOP 8

struct lwipsim_fw_pool {
  char name[32];       /* as lwIP spells it: SYS_TIMEOUT, TCP_PCB, ... */
  uint32_t elem_bytes; /* struct memp_desc .size: one element on the target */
  uint32_t num;        /* .num: the compiled count; 0 with MEMP_MEM_MALLOC */
  uint32_t bytes;      /* memp_memory_<POOL>_base: num x elem + alignment; 0 with MEMP_MEM_MALLOC */
};

struct lwipsim_fw_symbol {
  char name[64];
  uint32_t bytes;
};

struct lwipsim_fw_ram {
  size_t n_pools; /* in lwIP's memp_t order */
  struct lwipsim_fw_pool pools[LWIPSIM_FW_MAX_POOLS];
  int pools_malloc;     /* MEMP_MEM_MALLOC: pools have no memory of their own */
  uint32_t pools_bytes; /* sum of the pools' memory */
  uint32_t heap_bytes;  /* ram_heap (lwIP's mem.c heap); 0 when the profile has none */
  uint32_t lwip_bytes;  /* every lwIP variable in SRAM (pools and heap included) */
  uint32_t sim_bytes;   /* lwipsim's own: device script, probe, run state, mailbox */
  uint32_t data_bytes, bss_bytes, tls_bytes;
  uint32_t malloc_bytes; /* the malloc arena (.heap) */
  uint32_t stack_bytes;  /* .stack */
  uint32_t image_bytes;  /* start of SRAM to the end of the stack */
  uint32_t sram_bytes;   /* what the chip has */
  /* the largest variables outside lwIP, for the reader who wants the rest */
  size_t n_top_other;
  struct lwipsim_fw_symbol top_other[LWIPSIM_FW_TOP];
};

/* Returns 0, or -1 with a one-line "FILE: problem" in err. */
int lwipsim_fw_ram_read(const char *elf_path, struct lwipsim_fw_ram *out, char *err, size_t errlen);

/* The pool by lwIP's name, or NULL. */
const struct lwipsim_fw_pool *lwipsim_fw_ram_pool(const struct lwipsim_fw_ram *r, const char *name);

/* 1 when the image fits in SRAM. */
int lwipsim_fw_ram_fits(const struct lwipsim_fw_ram *r);

/* Indices of the pools by bytes, largest first (ties: lwIP's order); at most
 * max. Returns how many. */
size_t lwipsim_fw_ram_largest_pools(const struct lwipsim_fw_ram *r, size_t *idx, size_t max);

#endif
