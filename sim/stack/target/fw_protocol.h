/* The RP2040 image's window to the host (firmware/image/fw_main.c on the
 * chip, sim/stack/target/ on the host): one struct at a known symbol in SRAM
 * (lwipsim_fw_mailbox), which the host finds in the ELF's symbol table and
 * reads and writes through the emulator.
 *
 * Protocol: the firmware sets status IDLE and sleeps (WFI) until `doorbell`
 * changes. The host has then written now_ms (virtual time, never backwards)
 * and `ops`, what to do at that time, in the host engine's order
 * (sim/stack/engine/engine.c): ACTION runs the one script action in
 * `action`, RX hands the frame in `rx` to lwIP, TIMERS runs
 * sys_check_timeouts, POLL the device's main loop. Then the firmware fills
 * `out` (lwIP's next timeout, the netif's state and receive filter) and goes
 * IDLE. EVENT_ACTION (after BOOT, one doorbell per action) hands the chip
 * one of the script's "on EVENT" actions, which the device code runs on the
 * event as on the host (lwipsim_device_set_actions). A frame lwIP sends
 * goes into `tx` with the interface that sent it; when the slots are full the
 * firmware says TX_FULL and sleeps until the host has taken them
 * (tx_count = 0, status BUSY), so no frame is lost and the host sees them in
 * the order lwIP sent them. A HardFault says FAULT with the faulting PC;
 * _exit and abort say EXITED; the assert policy's panic says PANICKED. Every
 * WFI is the firmware waiting for the host.
 *
 * Both sides compile this header: the structs below and the ones they carry
 * (struct lwipsim_run_state) are made of fixed-width members, which the ARM
 * EABI and x86_64 lay out alike (uint64_t aligned to 8; no enums, which
 * arm-none-eabi makes as small as their values). LWIPSIM_FW_LAYOUT lists the offsets that must agree; the
 * image keeps its compiler's answers in lwipsim_fw_layout[] and the host
 * compares them with its own before it trusts a byte (target_image.c). */
#ifndef LWIPSIM_FW_PROTOCOL_H
#define LWIPSIM_FW_PROTOCOL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "scenario/scenario.h"
#include "stack/state/run_state.h"

#define LWIPSIM_FW_MAGIC 0x4d53574cu /* "LWSM" */
#define LWIPSIM_FW_FRAME_MAX 1536u
#define LWIPSIM_FW_TX_FRAMES 4u
#define LWIPSIM_FW_ACTION_MAX 512u
#define LWIPSIM_FW_MCAST 32u /* sim/replay/frame_class.h LWIPSIM_MAX_MCAST */
/* The script's "on EVENT" actions the chip keeps (static: the chip's malloc
 * arena is the profile's heap budget, which the probe counts). */
#define LWIPSIM_FW_EVENT_ACTIONS 8u

enum lwipsim_fw_status {
  LWIPSIM_FW_BOOTING = 0,
  LWIPSIM_FW_IDLE = 1,     /* waiting for the doorbell */
  LWIPSIM_FW_BUSY = 2,     /* working on the last doorbell */
  LWIPSIM_FW_PANICKED = 3, /* assert policy panic: the run state holds the story */
  LWIPSIM_FW_EXITED = 4,   /* _exit(exit_code) */
  LWIPSIM_FW_FAULT = 5,    /* HardFault (or any unused vector): fault_pc */
  LWIPSIM_FW_TX_FULL = 6   /* every tx slot holds a frame: the host takes them */
};

/* What a doorbell asks for, done in this order. */
enum lwipsim_fw_op {
  LWIPSIM_FW_OP_BOOT = 1u,   /* first doorbell: seed and MAC are set, lwIP starts */
  LWIPSIM_FW_OP_ACTION = 2u, /* lwipsim_device_run(action) */
  LWIPSIM_FW_OP_RX = 4u,     /* the frame in rx, one PBUF_POOL pbuf */
  LWIPSIM_FW_OP_TIMERS = 8u, /* sys_check_timeouts() */
  LWIPSIM_FW_OP_POLL = 16u,  /* lwipsim_device_poll() */
  /* the action in `action` joins the chip's "on EVENT" actions (not run now) */
  LWIPSIM_FW_OP_EVENT_ACTION = 32u
};

struct lwipsim_fw_frame {
  uint32_t len;
  uint32_t itf;        /* tx: the netif that sent it (enum lwipsim_interface; rx: the station's) */
  uint32_t event_head; /* tx: the chip's run-state event_head when lwIP sent it (--pcapng-out's comments) */
  uint8_t data[LWIPSIM_FW_FRAME_MAX];
};

/* What the firmware leaves after each doorbell: one read for the host. */
struct lwipsim_fw_out {
  int32_t action_status;  /* lwipsim_device_run's answer; after BOOT, -1 when lwIP refused the AP's netif */
  int32_t rx_result;      /* 1 lwIP got the frame (set before lwIP reads it), 0 no pbuf (dropped) */
  uint32_t next_timer_ms; /* sys_timeouts_sleeptime(), 0xffffffff for none */
  uint32_t netif_flags;   /* bit 0 up, bit 1 link up */
  uint8_t ip4[12];        /* the station's address, netmask, gateway */
  uint32_t accept_all_multicast;
  uint32_t n_groups; /* the multicast MACs lwIP joined (IGMP/MLD filter callbacks) */
  uint8_t groups[LWIPSIM_FW_MCAST][6];
  uint32_t tx_count; /* frames in tx */
  /* What the host's impact watch needs each turn (sim/stack/netif/
   * impact_watch.c reads these from the run state): the sum of the pools'
   * failures, a panic, asserts, heap refusals, refused writes. */
  uint32_t pool_failures, panicked, n_asserts, heap_failed, write_refused;
  int32_t exit_code;
  uint32_t fault_pc;
  uint32_t event_head; /* the chip's run-state event_head (its events ring: --pcapng-out) */
};

struct lwipsim_fw_mailbox {
  uint32_t magic;
  volatile uint32_t status;   /* enum lwipsim_fw_status */
  volatile uint32_t doorbell; /* host: bumped once everything below is written */
  volatile uint32_t answered; /* firmware: the doorbell it last finished */
  uint64_t now_ms;            /* host: virtual time */
  uint32_t ops;               /* host: enum lwipsim_fw_op */
  uint32_t seed;              /* host, with OP_BOOT: LWIP_RAND's seed */
  uint8_t mac[6];             /* host, with OP_BOOT: the device's MAC */
  uint8_t ap_mac[6];          /* host, with OP_BOOT: [device] ap_mac, when has_ap */
  uint8_t has_ap;             /* host, with OP_BOOT: add the access point's netif */
  uint8_t pad[3];
  uint8_t action[LWIPSIM_FW_ACTION_MAX]; /* host: one script action (lwipsim_fw_action_encode) */
  struct lwipsim_fw_frame rx;            /* host: with OP_RX */
  struct lwipsim_fw_out out;             /* firmware */
  struct lwipsim_fw_frame tx[LWIPSIM_FW_TX_FRAMES];
};

/* A script action crosses member by member: arm-none-eabi's enums are as
 * small as their values (one byte here, four on x86_64), so the struct's
 * bytes would not do. Numbers go as 8 bytes, arrays as they are. Every
 * member of struct lwipsim_action (sim/scenario/scenario.h) is listed:
 * one left out arrives as 0 on the chip. */
#define LWIPSIM_FW_ACTION_FIELDS(N, A) \
  N(time_ms)                           \
  N(trigger)                           \
  N(kind)                              \
  N(line)                              \
  A(addr)                              \
  N(prefix_len)                        \
  A(gw)                                \
  N(on)                                \
  A(hostname)                          \
  A(service)                           \
  N(service_is_udp)                    \
  A(instance)                          \
  N(port)                              \
  A(name)                              \
  N(bytes)                             \
  N(keepalive_s)                       \
  N(every_ms)                          \
  N(first_ms)                          \
  N(page_bytes)                        \
  N(keepalive)                         \
  N(retry_on_mem)                      \
  N(itf)                               \
  N(itf_given)

#define LWIPSIM_FW_WIRE_N_SIZE(m) +8
#define LWIPSIM_FW_WIRE_A_SIZE(m) +sizeof(((struct lwipsim_action *)0)->m)
#define LWIPSIM_FW_ACTION_WIRE (0 LWIPSIM_FW_ACTION_FIELDS(LWIPSIM_FW_WIRE_N_SIZE, LWIPSIM_FW_WIRE_A_SIZE))
_Static_assert(LWIPSIM_FW_ACTION_WIRE <= LWIPSIM_FW_ACTION_MAX, "LWIPSIM_FW_ACTION_MAX too small");

/* The host's side: the action into the mailbox's bytes. */
static inline void lwipsim_fw_action_encode(const struct lwipsim_action *a, uint8_t *p)
{
#define LWIPSIM_FW_ENC_N(m)    \
  {                            \
    int64_t v = (int64_t)a->m; \
    memcpy(p, &v, 8);          \
    p += 8;                    \
  }
#define LWIPSIM_FW_ENC_A(m)     \
  memcpy(p, a->m, sizeof a->m); \
  p += sizeof a->m;
  LWIPSIM_FW_ACTION_FIELDS(LWIPSIM_FW_ENC_N, LWIPSIM_FW_ENC_A)
#undef LWIPSIM_FW_ENC_N
#undef LWIPSIM_FW_ENC_A
}

/* The chip's side: the bytes back into its own struct's layout. */
static inline void lwipsim_fw_action_decode(const uint8_t *p, struct lwipsim_action *a)
{
  memset(a, 0, sizeof *a);
#define LWIPSIM_FW_DEC_N(m)     \
  {                             \
    int64_t v;                  \
    memcpy(&v, p, 8);           \
    a->m = (__typeof__(a->m))v; \
    p += 8;                     \
  }
#define LWIPSIM_FW_DEC_A(m)     \
  memcpy(a->m, p, sizeof a->m); \
  p += sizeof a->m;
  LWIPSIM_FW_ACTION_FIELDS(LWIPSIM_FW_DEC_N, LWIPSIM_FW_DEC_A)
#undef LWIPSIM_FW_DEC_N
#undef LWIPSIM_FW_DEC_A
}

#define LWIPSIM_FW_LAYOUT_VERSION 4u

/* Every size and offset both sides must agree on. X(expression). */
#define LWIPSIM_FW_LAYOUT(X)                                     \
  X(LWIPSIM_FW_LAYOUT_VERSION)                                   \
  X(sizeof(struct lwipsim_fw_mailbox))                           \
  X(offsetof(struct lwipsim_fw_mailbox, status))                 \
  X(offsetof(struct lwipsim_fw_mailbox, doorbell))               \
  X(offsetof(struct lwipsim_fw_mailbox, answered))               \
  X(offsetof(struct lwipsim_fw_mailbox, now_ms))                 \
  X(offsetof(struct lwipsim_fw_mailbox, ops))                    \
  X(offsetof(struct lwipsim_fw_mailbox, seed))                   \
  X(offsetof(struct lwipsim_fw_mailbox, mac))                    \
  X(offsetof(struct lwipsim_fw_mailbox, ap_mac))                 \
  X(offsetof(struct lwipsim_fw_mailbox, has_ap))                 \
  X(offsetof(struct lwipsim_fw_mailbox, action))                 \
  X(offsetof(struct lwipsim_fw_mailbox, rx))                     \
  X(offsetof(struct lwipsim_fw_mailbox, out))                    \
  X(offsetof(struct lwipsim_fw_mailbox, tx))                     \
  X(sizeof(struct lwipsim_fw_out))                               \
  X(offsetof(struct lwipsim_fw_out, ip4))                        \
  X(offsetof(struct lwipsim_fw_out, groups))                     \
  X(offsetof(struct lwipsim_fw_out, tx_count))                   \
  X(offsetof(struct lwipsim_fw_out, fault_pc))                   \
  X(offsetof(struct lwipsim_fw_out, event_head))                 \
  X(sizeof(struct lwipsim_fw_frame))                             \
  X(offsetof(struct lwipsim_fw_frame, itf))                      \
  X(offsetof(struct lwipsim_fw_frame, event_head))               \
  X(offsetof(struct lwipsim_fw_frame, data))                     \
  X(LWIPSIM_FW_ACTION_WIRE)                                      \
  X(sizeof(struct lwipsim_run_state))                            \
  X(sizeof(struct lwipsim_pool_state))                           \
  X(sizeof(struct lwipsim_timer_list))                           \
  X(sizeof(struct lwipsim_assert_info))                          \
  X(offsetof(struct lwipsim_pool_state, peak_ms))                \
  X(offsetof(struct lwipsim_pool_state, sites))                  \
  X(offsetof(struct lwipsim_pool_state, peak_without_time_wait)) \
  X(offsetof(struct lwipsim_run_state, pools))                   \
  X(offsetof(struct lwipsim_run_state, sys_timeout_at_peak))     \
  X(offsetof(struct lwipsim_run_state, panicked))                \
  X(offsetof(struct lwipsim_run_state, panic))                   \
  X(offsetof(struct lwipsim_run_state, panic_armed))             \
  X(offsetof(struct lwipsim_run_state, panic_arming))            \
  X(offsetof(struct lwipsim_run_state, n_asserts))               \
  X(offsetof(struct lwipsim_run_state, asserts))                 \
  X(offsetof(struct lwipsim_run_state, frames))                  \
  X(offsetof(struct lwipsim_run_state, interfaces))              \
  X(offsetof(struct lwipsim_run_state, divergence))              \
  X(offsetof(struct lwipsim_run_state, tx_match))                \
  X(offsetof(struct lwipsim_run_state, heap))                    \
  X(offsetof(struct lwipsim_run_state, device))                  \
  X(offsetof(struct lwipsim_run_state, impact))                  \
  X(offsetof(struct lwipsim_run_state, timed_out))               \
  X(offsetof(struct lwipsim_run_state, event_head))              \
  X(offsetof(struct lwipsim_run_state, events))

#endif
