/* Every frame on the TAP link, both directions, into a pcap file with
 * libpcap, from a child process of the recorder. */
#ifndef LWIPSIM_LIVE_CAPTURE_H
#define LWIPSIM_LIVE_CAPTURE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Returns the capturing child's pid once it captures (SIGTERM stops it
 * after a last drain), or -1 with a one-line message in err. */
pid_t lwipsim_capture_start(const char *ifname, const char *path, char *err, size_t errlen);

struct lwipsim_capture_summary {
  uint64_t frames, bytes;
  uint64_t first_us, last_us; /* wall-clock timestamps */
  uint64_t clamped;           /* frames moved up to the clock origin */
  uint64_t device_frames;     /* frames the device sent (source MAC) */
};

/* Copies the capture from src to dst, moving timestamps earlier than
 * origin_us up to origin_us (the device read those at its first poll), and
 * summarises the copy (device_mac: whose frames count as the device's).
 * Returns 0, or -1 with a message in err. */
int lwipsim_capture_finish(const char *src, const char *dst, uint64_t origin_us, const uint8_t device_mac[6],
                           struct lwipsim_capture_summary *sum, char *err, size_t errlen);

#endif
