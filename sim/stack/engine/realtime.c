#include "stack/engine/realtime.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <time.h>

#include "lwip/timeouts.h"
#include "scenario/scenario.h"
#include "stack/device/device.h"
#include "stack/engine/engine.h"
#include "stack/netif/tap_netif.h"
#include "stack/port/clock.h"
#include "stack/state/events.h"

/* The loop wakes at least this often to see a stop request even when lwIP
 * sleeps for seconds; waking early changes nothing lwIP sees. */
#define MAX_SLEEP_MS 100

static uint64_t ns_of(const struct timespec *ts) { return (uint64_t)ts->tv_sec * 1000000000u + (uint64_t)ts->tv_nsec; }

static uint64_t elapsed_ms(uint64_t origin_ns)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (ns_of(&ts) - origin_ns) / 1000000u;
}

/* A recorder aligns its capture's timestamps (wall clock) with virtual time
 * through this: microseconds of CLOCK_REALTIME at virtual 0. */
static int write_origin(const char *path, const struct timespec *real)
{
  FILE *f = fopen(path, "w");
  if (f == NULL) {
    return -1;
  }
  fprintf(f, "%llu\n", (unsigned long long)(ns_of(real) / 1000u));
  return fclose(f) == 0 ? 0 : -1;
}

static uint64_t min_u64(uint64_t a, uint64_t b) { return a < b ? a : b; }

int lwipsim_realtime_run(const struct lwipsim_realtime_config *cfg, char *err, size_t errlen)
{
  const struct lwipsim_scenario *sc = cfg->scenario;
  lwipsim_engine_boot();
  struct netif *netif = lwipsim_tap_netif_add(cfg->tap_fd, cfg->device_mac, cfg->pcap_out);
  if (netif == NULL) {
    snprintf(err, errlen, "%s: lwIP refused to add the device netif", sc->path);
    return -1;
  }
  /* The access point, when the script has one, has no link in the
   * namespace: its frames are counted, not sent. */
  if (lwipsim_engine_add_interfaces(sc, netif, err, errlen) != 0) {
    return -1;
  }

  struct timespec mono, real;
  clock_gettime(CLOCK_MONOTONIC, &mono);
  clock_gettime(CLOCK_REALTIME, &real);
  uint64_t origin_ns = ns_of(&mono);
  if (cfg->origin_file != NULL && write_origin(cfg->origin_file, &real) != 0) {
    snprintf(err, errlen, "%s: cannot write the clock origin", cfg->origin_file);
    return -1;
  }

  size_t next_action = 0;
  for (;;) {
    uint64_t now = min_u64(elapsed_ms(origin_ns), cfg->duration_ms);
    lwipsim_clock_set_ms(now);
    /* Device, then frames, then timers, in each wake. A wake at a timer's
     * deadline finds no frame yet: the discrete engine runs the timers due at
     * a millisecond before that millisecond's frames to match. */
    next_action = lwipsim_engine_run_actions(sc, next_action, now);
    if (lwipsim_tap_netif_poll(err, errlen) != 0) {
      return -1;
    }
    /* The device's main loop answers what the frames brought, as in replay
     * (live peers answer ARP themselves: no synthetic replies are queued). */
    lwipsim_engine_after_turn();
    sys_check_timeouts();
    lwipsim_engine_after_turn();
    if (*cfg->stop || now >= cfg->duration_ms) {
      break;
    }
    uint64_t due = lwipsim_clock_next_event(lwipsim_engine_action_due_ms(sc, next_action),
                                            lwipsim_clock_timer_due_ms(sys_timeouts_sleeptime()), cfg->duration_ms);
    uint64_t wait = min_u64(due > now ? due - now : 0, MAX_SLEEP_MS);
    struct pollfd pfd = { .fd = cfg->tap_fd, .events = POLLIN };
    if (poll(&pfd, 1, (int)wait) < 0 && errno != EINTR) {
      snprintf(err, errlen, "poll on the TAP failed");
      return -1;
    }
  }
  lwipsim_event_add(*cfg->stop ? "stopped by a signal" : "end of scenario");
  return 0;
}
