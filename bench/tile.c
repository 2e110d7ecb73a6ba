#include "tile.h"

#include <stdio.h>
#include <string.h>

#include "capture/frame_checksum.h"
#include "capture/pcap_reader.h"
#include "capture/pcap_writer.h"
#include "common/wire.h"

#define TILE_GAP_US 1000000ull
#define ETH LWIPSIM_ETH_HLEN
#define MAX_FRAME 65535u
/* Tile k moves each peer's ephemeral port by k * PORT_STEP (within
 * 1024..65535) and its TCP sequence numbers by k * ISN_STEP: a prime step,
 * so no tile of a long run meets an earlier one's 4-tuple again. */
#define PORT_STEP 7919u
#define ISN_STEP 0x01000193u

static int full(uint64_t t_us, uint64_t max_us, uint64_t frames, uint64_t max_frames)
{
  return (max_us != 0 && t_us >= max_us) || (max_frames != 0 && frames >= max_frames);
}

static unsigned get16(const uint8_t *p) { return (unsigned)(p[0] << 8 | p[1]); }
static void put16(uint8_t *p, unsigned v)
{
  p[0] = (uint8_t)(v >> 8);
  p[1] = (uint8_t)v;
}
static uint32_t get32(const uint8_t *p)
{
  return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}
static void put32(uint8_t *p, uint32_t v)
{
  put16(p, v >> 16);
  put16(p + 2, v & 0xffff);
}

static int is_dhcp_port(unsigned port) { return port == LWIPSIM_PORT_DHCP_SERVER || port == LWIPSIM_PORT_DHCP_CLIENT; }

static unsigned moved_port(unsigned port, uint64_t tile)
{
  if (port < 1024) {
    return port; /* a service's port stays the service's */
  }
  return 1024u + (unsigned)((port - 1024u + tile * PORT_STEP) % (65536u - 1024u));
}

/* Tile k (k >= 1) of a frame: 0 to drop it (DHCP for a static device, see
 * tile.h), 1 to keep it, changed in place for IPv4 TCP and UDP between the
 * device and a unicast peer: the peer's port and ISN made new. */
static int new_conversation(uint8_t *f, uint32_t len, const uint8_t device[6], enum lwipsim_tile_dhcp dhcp,
                            uint64_t tile)
{
  if (len < ETH + 20 || get16(f + 12) != LWIPSIM_ETHTYPE_IPV4 || (f[ETH] >> 4) != 4) {
    return 1;
  }
  unsigned ihl = (f[ETH] & 15u) * 4u, proto = f[ETH + 9];
  if (ihl < 20 || (proto != LWIPSIM_IPPROTO_TCP && proto != LWIPSIM_IPPROTO_UDP) || ETH + ihl + 8 > len ||
      (get16(f + ETH + 6) & 0x1fff) != 0) {
    return 1;
  }
  uint8_t *l4 = f + ETH + ihl;
  if (proto == LWIPSIM_IPPROTO_UDP && is_dhcp_port(get16(l4)) && is_dhcp_port(get16(l4 + 2))) {
    return dhcp == LWIPSIM_TILE_DHCP; /* as captured: the rewriter pairs its xids with the live stack's */
  }
  int from_device = memcmp(f + 6, device, 6) == 0;
  const uint8_t *peer_mac = from_device ? f : f + 6;
  if ((!from_device && memcmp(f, device, 6) != 0) || (peer_mac[0] & 1) != 0) {
    return 1; /* multicast, broadcast, or not the device's: no conversation state */
  }
  uint8_t *peer_port = l4 + (from_device ? 2 : 0);
  put16(peer_port, moved_port(get16(peer_port), tile));
  if (proto == LWIPSIM_IPPROTO_TCP && ETH + ihl + 20 <= len) {
    uint32_t shift = (uint32_t)(tile * ISN_STEP);
    if (!from_device) {
      put32(l4 + 4, get32(l4 + 4) + shift); /* the peer's sequence number */
    } else if (l4[13] & 0x10) {
      put32(l4 + 8, get32(l4 + 8) + shift); /* the device's ACK of it */
    }
  }
  lwipsim_frame_fix_checksums(f, len);
  return 1;
}

int lwipsim_bench_tile(const char *in, const char *out, const uint8_t device_mac[6], enum lwipsim_tile_dhcp dhcp,
                       uint64_t max_us, uint64_t max_frames, uint64_t *frames, uint64_t *span_us)
{
  char err[512];
  struct lwipsim_pcap_writer *w;
  if (lwipsim_pcap_writer_open(out, &w, err, sizeof err) != 0) {
    fprintf(stderr, "%s\n", err);
    return -1;
  }
  static uint8_t buf[MAX_FRAME];
  uint64_t offset_us = 0, last_us = 0;
  *frames = 0;
  for (uint64_t tile = 0; !full(offset_us, max_us, *frames, max_frames); tile++) {
    struct lwipsim_pcap_reader *r;
    if (lwipsim_pcap_open(in, &r, err, sizeof err) != 0) {
      fprintf(stderr, "%s\n", err);
      lwipsim_pcap_writer_close(w);
      return -1;
    }
    struct lwipsim_frame f;
    uint64_t last = 0;
    int rc;
    while ((rc = lwipsim_pcap_next(r, &f, err, sizeof err)) == 1 &&
           !full(offset_us + f.time_us, max_us, *frames, max_frames)) {
      uint32_t len = f.caplen < MAX_FRAME ? f.caplen : MAX_FRAME;
      memcpy(buf, f.data, len);
      if (tile > 0 && device_mac != NULL && !new_conversation(buf, len, device_mac, dhcp, tile)) {
        continue;
      }
      lwipsim_pcap_writer_write(w, offset_us + f.time_us, buf, len);
      last = f.time_us;
      last_us = offset_us + f.time_us;
      (*frames)++;
    }
    lwipsim_pcap_close(r);
    if (rc < 0) {
      fprintf(stderr, "%s\n", err);
      lwipsim_pcap_writer_close(w);
      return -1;
    }
    offset_us += last + TILE_GAP_US;
  }
  *span_us = last_us;
  if (lwipsim_pcap_writer_finish(w, err, sizeof err) != 0) {
    fprintf(stderr, "%s\n", err);
    return -1;
  }
  return 0;
}
