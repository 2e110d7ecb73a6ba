/* An RP2040 firmware image (firmware/, BUILD/firmware/bin/fw-*.elf), or the
 * same sources built as the ILP32 host chip (BUILD/firmware-ilp32), as the
 * target runner needs it: the flash contents, where the mailbox, the run
 * state and the layout table are, and code addresses named from its symbol
 * table (libdwfl, as sim/stack/probe/symbols.c names the host's). */
#ifndef LWIPSIM_TARGET_IMAGE_H
#define LWIPSIM_TARGET_IMAGE_H

#include <stddef.h>
#include <stdint.h>

#define LWIPSIM_TARGET_FLASH_BASE 0x10000000u

struct lwipsim_target_image {
  char path[4096];
  /* 0: an RP2040 image (firmware/image); 1: the ILP32 host chip
   * (firmware/ilp32: a Linux i386 executable, no flash, started as its own
   * emulator) */
  int ilp32;
  uint8_t *flash; /* the bytes loaded at LWIPSIM_TARGET_FLASH_BASE (NULL for ILP32) */
  size_t flash_len;
  uint32_t mailbox, state; /* SRAM addresses */
  void *dwfl;              /* Dwfl *, for names */
};

/* Reads the ELF at path and checks that its layout table
 * (fw_protocol.h, LWIPSIM_FW_LAYOUT) is this host's. Returns 0, or -1 with
 * one line naming the file and the problem in err. */
int lwipsim_target_image_open(const char *path, struct lwipsim_target_image *img, char *err, size_t errlen);
void lwipsim_target_image_close(struct lwipsim_target_image *img);

/* The function holding the code address addr (thumb bit ignored), or NULL. */
const char *lwipsim_target_image_symbol(const struct lwipsim_target_image *img, uint32_t addr);

#endif
