/* The firmware image's window to the host: one struct at a known symbol in
 * SRAM (lwipsim_fw_mailbox), which a host that drives the chip (an emulator)
 * finds in the ELF's symbol table and reads and writes directly.
 *
 * Protocol (firmware side in fw_main.c; a host side in firmware/emu/run.mjs,
 * which runs a script on rp2040js without frames):
 * the firmware sets status IDLE and sleeps (WFI) until `doorbell` changes.
 * The host then has written now_ms (virtual time, never backwards), the
 * script lines due then in `action` (one a line), and at most one received
 * frame in rx; the firmware runs the actions in order, hands the frame to lwIP, runs lwIP's timers and
 * the device's main loop, copies the frames lwIP sent into tx (as many as
 * fit; the rest are counted in tx_dropped), writes lwIP's next timeout in
 * next_timer_ms and goes IDLE again. The host skips idle time: it advances
 * now_ms straight to the next frame, action or timer. */
#ifndef LWIPSIM_FW_MAILBOX_H
#define LWIPSIM_FW_MAILBOX_H

#include <stdint.h>

#define LWIPSIM_FW_MAGIC 0x4d53574cu /* "LWSM" */
#define LWIPSIM_FW_FRAME_MAX 1536u
#define LWIPSIM_FW_TX_FRAMES 4u
#define LWIPSIM_FW_ACTION_MAX 1024u

enum lwipsim_fw_status {
  LWIPSIM_FW_BOOTING = 0,
  LWIPSIM_FW_IDLE = 1,     /* waiting for the doorbell */
  LWIPSIM_FW_BUSY = 2,     /* working on the last doorbell */
  LWIPSIM_FW_PANICKED = 3, /* assert policy panic: the run state holds the story */
  LWIPSIM_FW_EXITED = 4,   /* _exit(exit_code) */
  LWIPSIM_FW_FAULT = 5     /* HardFault (or any unused vector): fault_pc */
};

struct lwipsim_fw_frame {
  uint32_t len;
  uint8_t data[LWIPSIM_FW_FRAME_MAX];
};

struct lwipsim_fw_mailbox {
  uint32_t magic;
  volatile uint32_t status;   /* enum lwipsim_fw_status */
  volatile uint32_t doorbell; /* host: bumped once everything below is written */
  volatile uint32_t answered; /* firmware: the doorbell it last finished */
  uint64_t now_ms;            /* host: virtual time */
  uint32_t seed;              /* host, before the first doorbell: LWIP_RAND's seed */
  uint8_t mac[6];             /* host, before the first doorbell: the device's MAC */
  uint8_t pad[2];
  char action[LWIPSIM_FW_ACTION_MAX]; /* host: [script] values, one a line; "" for none */
  int32_t action_status;              /* firmware: 0, or the first -1 (lwIP refused) or -2 (did not parse) */
  struct lwipsim_fw_frame rx;         /* host: a received frame, len 0 for none */
  uint32_t tx_count;                  /* firmware: frames in tx */
  uint32_t tx_dropped;                /* firmware: frames sent with tx full */
  struct lwipsim_fw_frame tx[LWIPSIM_FW_TX_FRAMES];
  uint32_t next_timer_ms; /* firmware: sys_timeouts_sleeptime(), 0xffffffff for none */
  int32_t exit_code;
  uint32_t fault_pc;
};

extern struct lwipsim_fw_mailbox lwipsim_fw_mailbox;

/* lwipsim_fw_layout[] (fw_main.c), in flash: word 0 is this version, then
 * the mailbox's member offsets (status, doorbell, answered, now_ms, seed,
 * mac, action, action_status, rx, tx_count, tx), the size of one frame slot,
 * (next_timer_ms, exit_code, fault_pc), then the run state's (n_pools,
 * pools), the size of one pool, the pool's (used, peak, failed), the run
 * state's (panicked, panic message, file, line, time_ms, panic_armed count,
 * names), the length of one name, panic_arming, and the heap's peak_bytes
 * and failed (uint64_t). Bump the version when the list changes. */
#define LWIPSIM_FW_LAYOUT_VERSION 2u

void _exit(int status) __attribute__((noreturn));

#endif
