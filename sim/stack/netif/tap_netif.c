#include "stack/netif/tap_netif.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "lwip/netif.h"
#include "lwip/pbuf.h"
#include "stack/netif/device_netifs.h"
#include "stack/netif/replay_netif.h"
#include "stack/state/run_state.h"

static struct netif *device;
static int tap_fd = -1;

int lwipsim_tap_open(const char *ifname, char *err, size_t errlen)
{
  int fd = open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    snprintf(err, errlen, "/dev/net/tun: %s", strerror(errno));
    return -1;
  }
  struct ifreq ifr;
  memset(&ifr, 0, sizeof ifr);
  /* No packet-information header and no virtio header: plain Ethernet
   * frames, as a Wi-Fi driver hands them to lwIP. */
  ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
  if (strlen(ifname) >= sizeof ifr.ifr_name) {
    snprintf(err, errlen, "--tap %s: interface names are at most %zu characters", ifname, sizeof ifr.ifr_name - 1);
    close(fd);
    return -1;
  }
  memcpy(ifr.ifr_name, ifname, strlen(ifname));
  if (ioctl(fd, TUNSETIFF, &ifr) != 0) {
    snprintf(err, errlen, "--tap %s: cannot attach to the TAP device: %s", ifname, strerror(errno));
    close(fd);
    return -1;
  }
  return fd;
}

/* The station's frames, after the replay netif counted them (and wrote
 * them to --pcap-out), go to the wire. The access point has no link in the
 * recorder's namespace: its frames stay counted, not sent. */
static err_t tap_wire(const uint8_t *frame, uint16_t len)
{
  /* A full TAP queue drops the frame, as a radio's full TX queue would. */
  if (write(tap_fd, frame, len) < 0) {
    return ERR_IF;
  }
  return ERR_OK;
}

struct netif *lwipsim_tap_netif_add(int fd, const uint8_t mac[6], struct lwipsim_pcap_writer *out)
{
  device = lwipsim_replay_netif_add(mac, out);
  if (device == NULL) {
    return NULL;
  }
  tap_fd = fd;
  lwipsim_replay_netif_set_wire(tap_wire);
  return device;
}

/* Live peers talk to the live stack, so no flow rewriting: only the NIC's
 * receive filter, then one PBUF_POOL pbuf per frame as a Wi-Fi driver does. */
static void input(const uint8_t *frame, uint32_t len)
{
  struct lwipsim_run_state *s = lwipsim_state;
  s->frames.read++;
  switch (lwipsim_frame_classify(lwipsim_replay_netif_filter(), frame, len, len)) {
  case LWIPSIM_FRAME_INJECT: break;
  case LWIPSIM_FRAME_REFERENCE: s->frames.reference++; return;
  case LWIPSIM_FRAME_NON_ETHERNET2: s->frames.skipped_non_ethernet2++; return;
  case LWIPSIM_FRAME_NOT_FOR_DEVICE: s->frames.not_for_device++; return;
  case LWIPSIM_FRAME_MALFORMED: s->frames.malformed++; return;
  }
  if (!netif_is_up(device) || !netif_is_link_up(device)) {
    s->frames.dropped_link_down++;
    return;
  }
  struct pbuf *p = lwipsim_netifs_rx_pbuf(frame, (u16_t)len);
  if (p == NULL) {
    s->frames.dropped_no_pbuf++;
    return;
  }
  s->frames.injected++;
  lwipsim_netifs_rx_input(device, p);
}

int lwipsim_tap_netif_poll(char *err, size_t errlen)
{
  static uint8_t frame[65536];
  for (;;) {
    ssize_t n = read(tap_fd, frame, sizeof frame);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      return 0;
    }
    if (n <= 0) {
      snprintf(err, errlen, "TAP read failed: %s", n < 0 ? strerror(errno) : "end of file");
      return -1;
    }
    input(frame, (uint32_t)n);
  }
}
