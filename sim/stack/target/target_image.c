#include "stack/target/target_image.h"

#include <elfutils/libdwfl.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "stack/target/fw_protocol.h"

/* The RP2040's XIP flash window (RP2040 datasheet, 2.2 "Address map"):
 * 16 MiB from 0x10000000; the firmware's linker script puts code and the
 * initial values of .data there. */
#define FLASH_WINDOW (16u << 20)

#define LAYOUT_ENTRY(e) (uint32_t)(e),
static const uint32_t host_layout[] = { LWIPSIM_FW_LAYOUT(LAYOUT_ENTRY) };
#define LAYOUT_N (sizeof host_layout / sizeof host_layout[0])

struct symbols {
  uint32_t mailbox, state, layout, layout_size;
  int have_mailbox, have_state, have_layout;
};

static void find_symbols(Elf *elf, struct symbols *out)
{
  Elf_Scn *scn = NULL;
  while ((scn = elf_nextscn(elf, scn)) != NULL) {
    GElf_Shdr sh;
    if (gelf_getshdr(scn, &sh) == NULL || sh.sh_type != SHT_SYMTAB) {
      continue;
    }
    Elf_Data *data = elf_getdata(scn, NULL);
    size_t n = sh.sh_entsize ? sh.sh_size / sh.sh_entsize : 0;
    for (size_t i = 0; data != NULL && i < n; i++) {
      GElf_Sym s;
      const char *name;
      if (gelf_getsym(data, (int)i, &s) == NULL || (name = elf_strptr(elf, sh.sh_link, s.st_name)) == NULL) {
        continue;
      }
      if (strcmp(name, "lwipsim_fw_mailbox") == 0) {
        out->mailbox = (uint32_t)s.st_value;
        out->have_mailbox = 1;
      } else if (strcmp(name, "lwipsim_fw_state") == 0) {
        out->state = (uint32_t)s.st_value;
        out->have_state = 1;
      } else if (strcmp(name, "lwipsim_fw_layout") == 0) {
        out->layout = (uint32_t)s.st_value;
        out->layout_size = (uint32_t)s.st_size;
        out->have_layout = 1;
      }
    }
  }
}

/* The flash contents: every loadable segment whose load address is in the
 * flash window, at its place (what objcopy -O binary writes). */
static int load_flash(Elf *elf, struct lwipsim_target_image *img, char *err, size_t errlen)
{
  size_t n;
  if (elf_getphdrnum(elf, &n) != 0) {
    snprintf(err, errlen, "%s: no program headers (not a linked image)", img->path);
    return -1;
  }
  size_t end = 0;
  for (size_t i = 0; i < n; i++) {
    GElf_Phdr ph;
    if (gelf_getphdr(elf, (int)i, &ph) != NULL && ph.p_type == PT_LOAD && ph.p_filesz > 0 &&
        ph.p_paddr >= LWIPSIM_TARGET_FLASH_BASE &&
        ph.p_paddr + ph.p_filesz <= LWIPSIM_TARGET_FLASH_BASE + FLASH_WINDOW &&
        ph.p_paddr + ph.p_filesz - LWIPSIM_TARGET_FLASH_BASE > end) {
      end = (size_t)(ph.p_paddr + ph.p_filesz - LWIPSIM_TARGET_FLASH_BASE);
    }
  }
  if (end < 8) {
    snprintf(err, errlen, "%s: nothing is loaded into flash at 0x10000000 (not an lwipsim RP2040 image)", img->path);
    return -1;
  }
  img->flash = calloc(1, end);
  if (img->flash == NULL) {
    snprintf(err, errlen, "%s: out of memory for its flash image", img->path);
    return -1;
  }
  img->flash_len = end;
  size_t raw_len;
  const char *raw = elf_rawfile(elf, &raw_len);
  for (size_t i = 0; i < n; i++) {
    GElf_Phdr ph;
    if (gelf_getphdr(elf, (int)i, &ph) == NULL || ph.p_type != PT_LOAD || ph.p_filesz == 0 ||
        ph.p_paddr < LWIPSIM_TARGET_FLASH_BASE || ph.p_paddr + ph.p_filesz > LWIPSIM_TARGET_FLASH_BASE + FLASH_WINDOW) {
      continue;
    }
    if (raw == NULL || ph.p_offset + ph.p_filesz > raw_len) {
      snprintf(err, errlen, "%s: a segment lies past the end of the file (truncated?)", img->path);
      return -1;
    }
    memcpy(img->flash + (ph.p_paddr - LWIPSIM_TARGET_FLASH_BASE), raw + ph.p_offset, ph.p_filesz);
  }
  return 0;
}

/* The layout table's bytes: from the flash image (RP2040), or for the
 * ILP32 host chip from the section of the executable that holds it. */
static int layout_bytes(Elf *elf, const struct lwipsim_target_image *img, const struct symbols *sym, uint32_t *v,
                        size_t n)
{
  if (!img->ilp32) {
    uint32_t off = sym->layout - LWIPSIM_TARGET_FLASH_BASE;
    if (sym->layout < LWIPSIM_TARGET_FLASH_BASE || off + sym->layout_size > img->flash_len) {
      return -1;
    }
    memcpy(v, img->flash + off, 4 * n);
    return 0;
  }
  Elf_Scn *scn = NULL;
  while ((scn = elf_nextscn(elf, scn)) != NULL) {
    GElf_Shdr sh;
    if (gelf_getshdr(scn, &sh) == NULL || sh.sh_type != SHT_PROGBITS || sym->layout < sh.sh_addr ||
        sym->layout + sym->layout_size > sh.sh_addr + sh.sh_size) {
      continue;
    }
    Elf_Data *d = elf_getdata(scn, NULL);
    if (d == NULL || d->d_buf == NULL || sym->layout - sh.sh_addr + 4 * n > d->d_size) {
      return -1;
    }
    memcpy(v, (const char *)d->d_buf + (sym->layout - sh.sh_addr), 4 * n);
    return 0;
  }
  return -1;
}

static int check_layout(Elf *elf, const struct lwipsim_target_image *img, const struct symbols *sym, char *err,
                        size_t errlen)
{
  uint32_t v[LAYOUT_N];
  size_t n = sym->layout_size / 4;
  if (sym->layout_size < 4 || layout_bytes(elf, img, sym, v, n < LAYOUT_N ? n : LAYOUT_N) != 0) {
    snprintf(err, errlen, "%s: lwipsim_fw_layout is not in the image's %s", img->path,
             img->ilp32 ? "sections" : "flash");
    return -1;
  }
  if (v[0] != LWIPSIM_FW_LAYOUT_VERSION) {
    snprintf(err, errlen, "%s: mailbox layout version %u, this lwipsim speaks %u (rebuild the firmware)", img->path,
             v[0], LWIPSIM_FW_LAYOUT_VERSION);
    return -1;
  }
  if (n != LAYOUT_N) {
    snprintf(err, errlen, "%s: layout table of %zu entries, this lwipsim has %zu (rebuild the firmware)", img->path, n,
             LAYOUT_N);
    return -1;
  }
  for (size_t i = 0; i < LAYOUT_N; i++) {
    if (v[i] != host_layout[i]) {
      snprintf(err, errlen,
               "%s: layout entry %zu (sim/stack/target/fw_protocol.h) is %u on the chip and %u on the host: the "
               "mailbox cannot be shared",
               img->path, i, v[i], host_layout[i]);
      return -1;
    }
  }
  return 0;
}

static Dwfl *open_names(const char *path)
{
  static const Dwfl_Callbacks callbacks = {
    .find_elf = dwfl_build_id_find_elf,
    .find_debuginfo = dwfl_standard_find_debuginfo,
  };
  Dwfl *d = dwfl_begin(&callbacks);
  if (d == NULL) {
    return NULL;
  }
  if (dwfl_report_offline(d, "fw", path, -1) == NULL || dwfl_report_end(d, NULL, NULL) != 0) {
    dwfl_end(d);
    return NULL;
  }
  return d;
}

int lwipsim_target_image_open(const char *path, struct lwipsim_target_image *img, char *err, size_t errlen)
{
  memset(img, 0, sizeof *img);
  snprintf(img->path, sizeof img->path, "%s", path);
  elf_version(EV_CURRENT);
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    snprintf(err, errlen, "%s: cannot open the firmware image (was the firmware built? cmake --build BUILD)", path);
    return -1;
  }
  Elf *elf = elf_begin(fd, ELF_C_READ, NULL);
  GElf_Ehdr eh;
  int rc = -1;
  struct symbols sym = { 0 };
  if (elf == NULL || elf_kind(elf) != ELF_K_ELF || gelf_getehdr(elf, &eh) == NULL) {
    snprintf(err, errlen, "%s: not an ELF file", path);
  } else if ((eh.e_machine != EM_ARM && eh.e_machine != EM_386) || eh.e_ident[EI_CLASS] != ELFCLASS32) {
    snprintf(err, errlen, "%s: not a 32-bit ARM image or ILP32 host chip (e_machine %u)", path, (unsigned)eh.e_machine);
  } else if ((img->ilp32 = eh.e_machine == EM_386) != 0 && eh.e_type != ET_EXEC) {
    /* a position-independent one runs elsewhere than its symbols say */
    snprintf(err, errlen, "%s: an ILP32 host chip must be linked -no-pie (cmake/toolchain-i386-ilp32.cmake)", path);
  } else if (img->ilp32 || load_flash(elf, img, err, errlen) == 0) {
    find_symbols(elf, &sym);
    if (!sym.have_mailbox || !sym.have_state || !sym.have_layout) {
      snprintf(err, errlen, "%s: no %s symbol (not an lwipsim RP2040 image)", path,
               !sym.have_mailbox ? "lwipsim_fw_mailbox"
               : !sym.have_state ? "lwipsim_fw_state"
                                 : "lwipsim_fw_layout");
    } else if (check_layout(elf, img, &sym, err, errlen) == 0) {
      img->mailbox = sym.mailbox;
      img->state = sym.state;
      rc = 0;
    }
  }
  if (elf != NULL) {
    elf_end(elf);
  }
  close(fd);
  if (rc == 0) {
    img->dwfl = open_names(path); /* without names, addresses stay hex */
  } else {
    lwipsim_target_image_close(img);
  }
  return rc;
}

void lwipsim_target_image_close(struct lwipsim_target_image *img)
{
  free(img->flash);
  img->flash = NULL;
  if (img->dwfl != NULL) {
    dwfl_end(img->dwfl);
    img->dwfl = NULL;
  }
}

const char *lwipsim_target_image_symbol(const struct lwipsim_target_image *img, uint32_t addr)
{
  if (img->dwfl == NULL) {
    return NULL;
  }
  /* Thumb: a function symbol's value has bit 0 set, and a code address at the
   * function's first instruction is one below it (i386: no such bit) */
  Dwarf_Addr a = img->ilp32 ? addr : addr | 1u;
  Dwfl_Module *mod = dwfl_addrmodule(img->dwfl, a);
  return mod != NULL ? dwfl_module_addrname(mod, a) : NULL;
}
