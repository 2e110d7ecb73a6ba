/* The replay on an emulated RP2040 (docs/ARCHITECTURE.md, "Firmware"): the
 * host engine's loop (sim/stack/engine/engine.c) with the chip as its lwIP.
 * The host keeps what is lwIP-independent, as sim/stack/netif/replay_netif.c
 * runs it: the capture, the receive filter's decision, the flow rewriter,
 * the neighbour answers, the transmit match, the impact watch, --pcap-out.
 * The chip runs lwIP, the device's script and the probe, one doorbell per
 * engine step (fw_protocol.h), and its own counters become the record's. */
#ifndef LWIPSIM_TARGET_ENGINE_H
#define LWIPSIM_TARGET_ENGINE_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

struct lwipsim_scenario;
struct lwipsim_pcap_reader;
struct lwipsim_pcap_writer;

struct lwipsim_target_config {
  const struct lwipsim_scenario *scenario;
  struct lwipsim_pcap_reader *capture; /* NULL: no capture */
  struct lwipsim_pcap_writer *pcap_out;
  const uint8_t *device_mac;
  int ipv6_built;            /* the profile's LWIP_IPV6 (transmit match, impact) */
  const char *image;         /* the profile's fw-*.elf */
  const char *emulator;      /* firmware/emu/chip.mjs */
  uint64_t max_instructions; /* the run's budget; 0: LWIPSIM_TARGET_DEFAULT_BUDGET */
  volatile sig_atomic_t *stop;
};

/* Instructions a whole run may take: the seed scenario takes about 30 M. */
#define LWIPSIM_TARGET_DEFAULT_BUDGET 4000000000ull

struct lwipsim_target_result {
  const char *target; /* the record's `target`: "rp2040", or "ilp32" (the ILP32 host chip) */
  int fault;          /* HardFault: the run crashed */
  uint32_t fault_pc;
  char fault_symbol[128]; /* "" when the image does not name it */
  int hung;               /* the budget ran out: lwipsim_state->timed_out is set */
  uint64_t instructions, cycles;
};

/* Runs the scenario on the chip. The shared run state (lwipsim_state) ends
 * as the host runner's would: the chip's pools, timers, panic, heap and
 * device counters, code addresses named from the image, and the host's
 * frame, divergence and transmit-match counters. Returns 0, or -1 with one
 * line in err (bad image, no emulator, a broken pipe, a livelock). */
int lwipsim_target_run(const struct lwipsim_target_config *cfg, struct lwipsim_target_result *res, char *err,
                       size_t errlen);

#endif
