/* The emulated RP2040: a Node.js child (firmware/emu/chip.mjs, npm rp2040js)
 * that loads an image and steps it on request over a pipe; or the ILP32
 * host chip (firmware/ilp32/ilp32_chip.c), the same protocol without an
 * emulator. It knows nothing
 * of lwipsim; target_engine.c speaks the mailbox protocol through it. */
#ifndef LWIPSIM_TARGET_CHIP_H
#define LWIPSIM_TARGET_CHIP_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

struct lwipsim_chip {
  pid_t pid;
  FILE *to, *from;
  uint64_t instructions, cycles; /* rp2040js's counters so far */
  uint32_t pc;                   /* where the core stopped last */
};

/* Finds node on PATH and the emulator's rp2040js beside script (a .mjs);
 * starts the child and loads flash. A script that is not a .mjs is the
 * ILP32 host chip (firmware/ilp32), started itself, with flash_len 0.
 * Returns 0, or -1 with one line in err. */
int lwipsim_chip_start(struct lwipsim_chip *c, const char *script, const uint8_t *flash, size_t flash_len, char *err,
                       size_t errlen);
/* Queued until the next read or run. */
int lwipsim_chip_write(struct lwipsim_chip *c, uint32_t addr, const void *data, uint32_t len);
int lwipsim_chip_write32(struct lwipsim_chip *c, uint32_t addr, uint32_t v);
int lwipsim_chip_read(struct lwipsim_chip *c, uint32_t addr, void *data, uint32_t len);
/* Steps until the core waits (WFI): 1; budget spent: 0; a fault the emulator
 * saw (an undefined instruction, an unmapped address; pc is where): 2; the
 * child is gone: -1. */
int lwipsim_chip_run(struct lwipsim_chip *c, uint32_t budget);
void lwipsim_chip_stop(struct lwipsim_chip *c);

#endif
