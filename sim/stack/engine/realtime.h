/* The real-time loop for a live TAP device: virtual time follows the
 * monotonic clock, and the loop sleeps until the earliest of a frame on the
 * TAP, lwIP's next timeout and the script's next action. */
#ifndef LWIPSIM_REALTIME_H
#define LWIPSIM_REALTIME_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

struct lwipsim_scenario;
struct lwipsim_pcap_writer;

struct lwipsim_realtime_config {
  const struct lwipsim_scenario *scenario; /* its script; its capture is not used */
  int tap_fd;                              /* from lwipsim_tap_open */
  struct lwipsim_pcap_writer *pcap_out;    /* NULL: transmitted frames not kept */
  const unsigned char *device_mac;         /* 6 bytes */
  uint64_t duration_ms;                    /* the run ends here at the latest */
  const char *origin_file;                 /* NULL, or where to write the wall-clock time of virtual 0 */
  volatile sig_atomic_t *stop;             /* set (by a signal handler) to end the run early */
};

/* Runs until the duration or *stop. Returns 0, or -1 with a one-line message
 * in err (the TAP went away, the origin file cannot be written). */
int lwipsim_realtime_run(const struct lwipsim_realtime_config *cfg, char *err, size_t errlen);

#endif
