/* The discrete-event loop: jumps virtual time to the earliest of the next
 * captured frame, the next device action and lwIP's next timeout. */
#ifndef LWIPSIM_ENGINE_H
#define LWIPSIM_ENGINE_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

struct lwipsim_scenario;
struct lwipsim_pcap_reader;
struct lwipsim_pcap_writer;

struct lwipsim_engine_config {
  const struct lwipsim_scenario *scenario;
  struct lwipsim_pcap_reader *capture;  /* NULL: no inbound traffic */
  struct lwipsim_pcap_writer *pcap_out; /* NULL: transmitted frames not kept */
  const unsigned char *device_mac;      /* 6 bytes */
  /* NULL, or a flag a signal handler sets (--max-wall): the run stops before
   * its next step, the clock where it was. */
  const volatile sig_atomic_t *stop;
};

/* Runs the scenario to its end (or until *stop). Returns 0, or -1 with a one-line message in
 * err for an input error found mid-run (a truncated capture, say). */
int lwipsim_engine_run(const struct lwipsim_engine_config *cfg, char *err, size_t errlen);

/* Shared with the real-time engine (realtime.c), so both modes start lwIP
 * and run the device script the same way. */
void lwipsim_engine_boot(void); /* clock at 0, lwip_init */
/* Hands the device its station netif (added by the caller), adds the
 * access point's when the scenario has ap_mac, and the script. Returns 0, or
 * -1 with a one-line message. */
struct netif;
int lwipsim_engine_add_interfaces(const struct lwipsim_scenario *sc, struct netif *station, char *err, size_t errlen);
/* Time of the script's action at index next_action, or LWIPSIM_TIME_NEVER. */
uint64_t lwipsim_engine_action_due_ms(const struct lwipsim_scenario *sc, size_t next_action);
/* Runs every action due at or before t; returns the next action's index. */
size_t lwipsim_engine_run_actions(const struct lwipsim_scenario *sc, size_t next_action, uint64_t t);

/* After a panic, inside lwipsim_engine_run: the captured frames it had not
 * reached, up to the scenario's end, go to the impact watch only (the
 * device has stopped; the captured one went on). Once; nothing outside a run. */
void lwipsim_engine_read_rest(void);

/* After lwIP took frames or ran its timers: the device's main loop answers
 * what lwIP handed it, and synthetic peer replies (replay only) go in. */
void lwipsim_engine_after_turn(void);

#endif
