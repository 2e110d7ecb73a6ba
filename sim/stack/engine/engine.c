#include "stack/engine/engine.h"

#include <stdio.h>
#include <string.h>

#include "capture/frame_checksum.h"
#include "capture/pcap_reader.h"
#include "common/mac_eq.h"
#include "lwip/init.h"
#include "lwip/netif.h"
#include "lwip/timeouts.h"
#include "scenario/capture_clock.h"
#include "scenario/scenario.h"
#include "stack/cursor/frame_cursor.h"
#include "stack/device/device.h"
#include "stack/netif/impact_watch.h"
#include "stack/netif/replay_netif.h"
#include "stack/port/clock.h"
#include "stack/state/events.h"
#include "stack/state/run_state.h"

/* When lwIP's next timer runs: at its deadline, or with [device] timers =
 * poll P at the first poll at or after it (the firmware calls
 * sys_check_timeouts only from its periodic poll, at multiples of P). */
static uint64_t timer_due(const struct lwipsim_scenario *sc, uint64_t deadline_ms)
{
  if (sc->timers_poll_ms == 0 || deadline_ms == LWIPSIM_TIME_NEVER) {
    return deadline_ms;
  }
  uint64_t p = sc->timers_poll_ms;
  return (deadline_ms + p - 1) / p * p;
}

/* A timer that keeps re-arming itself for "now" would spin forever without
 * time moving; real lwIP never does this, so it is a finding, not a loop. */
#define MAX_STEPS_AT_ONE_INSTANT 100000

/* capture_checksums = recompute: a peer's frame gets the checksums it had on
 * the wire (pcap/frame_checksum.h); the device's own frames are left as they
 * are, being the reference, not input. */
static void offer_frame(const struct lwipsim_engine_config *cfg, const struct lwipsim_frame *f)
{
  static uint8_t copy[65536];

  if (cfg->scenario->capture_checksums_recompute && f->caplen <= sizeof(copy) &&
      (f->caplen < 12 || !lwipsim_mac_eq(f->data + 6, cfg->device_mac))) {
    memcpy(copy, f->data, f->caplen);
    lwipsim_frame_fix_checksums(copy, f->caplen);
    lwipsim_replay_netif_offer(copy, f->caplen, f->len);
    return;
  }
  lwipsim_replay_netif_offer(f->data, f->caplen, f->len);
}

/* After each frame and each timer pass, before the next frame: the device's
 * apps answer what lwIP handed them (a captured peer answered the captured
 * device within microseconds, so the live one must not wait a whole
 * millisecond), and peers answer the stack's ARP / neighbour requests. */
void lwipsim_engine_after_turn(void)
{
  lwipsim_device_poll();
  lwipsim_replay_netif_deliver_synthetic();
  lwipsim_impact_watch_check();
}

void lwipsim_engine_boot(void)
{
  lwipsim_clock_reset();
  lwip_init();
}

int lwipsim_engine_add_interfaces(const struct lwipsim_scenario *sc, struct netif *station, char *err, size_t errlen)
{
  lwipsim_device_init(station);
  lwipsim_device_set_readd(lwipsim_replay_netif_readd);
  if (sc->has_ap_mac) {
    struct netif *ap = lwipsim_replay_netif_add_ap(sc->ap_mac);
    if (ap == NULL) {
      snprintf(err, errlen,
               "%s: [device] ap_mac needs a second netif, which lwIP refused (the profile has LWIP_SINGLE_NETIF 1?)",
               sc->path);
      return -1;
    }
    lwipsim_device_set_interface(LWIPSIM_ITF_AP, ap);
  }
  lwipsim_device_set_script(sc);
  return 0;
}

uint64_t lwipsim_engine_action_due_ms(const struct lwipsim_scenario *sc, size_t next_action)
{
  return next_action < sc->n_actions ? sc->actions[next_action].time_ms : LWIPSIM_TIME_NEVER;
}

size_t lwipsim_engine_run_actions(const struct lwipsim_scenario *sc, size_t next_action, uint64_t t)
{
  while (next_action < sc->n_actions && sc->actions[next_action].time_ms <= t) {
    lwipsim_device_run(&sc->actions[next_action++]);
  }
  return next_action;
}

/* The run in progress, for lwipsim_engine_read_rest after a panic. */
static struct lwipsim_frame_cursor *running;
static uint64_t running_end_ms;

void lwipsim_engine_read_rest(void)
{
  struct lwipsim_frame_cursor *c = running;
  running = NULL;
  if (c != NULL) {
    lwipsim_frame_cursor_read_rest(c, running_end_ms);
  }
}

int lwipsim_engine_run(const struct lwipsim_engine_config *cfg, char *err, size_t errlen)
{
  const struct lwipsim_scenario *sc = cfg->scenario;
  lwipsim_engine_boot();
  struct netif *netif = lwipsim_replay_netif_add(cfg->device_mac, cfg->pcap_out);
  if (netif == NULL) {
    snprintf(err, errlen, "%s: lwIP refused to add the device netif", sc->path);
    return -1;
  }
  if (lwipsim_engine_add_interfaces(sc, netif, err, errlen) != 0) {
    return -1;
  }

  struct lwipsim_frame_cursor frames = { .reader = cfg->capture };
  lwipsim_capture_clock_init(&frames.clock, sc->capture_start_ms, sc->capture_max_gap_ms);
  if (lwipsim_frame_cursor_advance(&frames, err, errlen) != 0) {
    return -1;
  }
  running = &frames;
  running_end_ms = sc->duration_ms;
  size_t next_action = 0;
  uint64_t last_t = LWIPSIM_TIME_NEVER;
  unsigned steps_here = 0;

  for (;;) {
    if (cfg->stop != NULL && *cfg->stop) {
      running = NULL; /* the cursor lives in this frame: no read_rest after the return */
      lwipsim_event_add("run stopped before its end");
      return 0;
    }
    uint64_t action_ms = lwipsim_engine_action_due_ms(sc, next_action);
    uint64_t timer_ms = timer_due(sc, lwipsim_clock_timer_due_ms(sys_timeouts_sleeptime()));
    uint64_t t = lwipsim_clock_next_event(lwipsim_frame_cursor_due_ms(&frames), action_ms, timer_ms);
    if (t == LWIPSIM_TIME_NEVER || t > sc->duration_ms) {
      break;
    }
    if (t == last_t && ++steps_here > MAX_STEPS_AT_ONE_INSTANT) {
      snprintf(err, errlen, "%s: lwIP's timers make no progress at %llu ms (livelock)", sc->path,
               (unsigned long long)t);
      return -1;
    }
    if (t != last_t) {
      steps_here = 0;
      last_t = t;
    }
    lwipsim_clock_set_ms(t);

    /* The device acts before traffic of the same millisecond: a firmware
     * brings its interface up before it can receive. */
    next_action = lwipsim_engine_run_actions(sc, next_action, t);
    /* Timers due now run before this millisecond's frames, as live: the
     * device wakes at the deadline and runs them, and a frame read in the
     * same millisecond arrived after (a peer answers what a timer sent, an
     * SNTP request or its ARP, well within the millisecond). */
    if (timer_ms <= t) {
      sys_check_timeouts();
      lwipsim_engine_after_turn();
    }
    while (frames.have && lwipsim_frame_cursor_due_ms(&frames) <= t) {
      frames.offered = 1;
      offer_frame(cfg, &frames.frame);
      lwipsim_engine_after_turn();
      if (lwipsim_frame_cursor_advance(&frames, err, errlen) != 0) {
        return -1;
      }
    }
    if (sc->timers_poll_ms == 0 || t % sc->timers_poll_ms == 0) {
      sys_check_timeouts();
    }
    lwipsim_engine_after_turn();
  }
  running = NULL;
  lwipsim_clock_set_ms(sc->duration_ms);
  /* Frames past the end are read too: a capture that is corrupt further on
   * is still an input error, and the record says how many were left out. */
  if (lwipsim_frame_cursor_drain(&frames, err, errlen) != 0) {
    return -1;
  }
  lwipsim_event_add("end of scenario");
  return 0;
}
