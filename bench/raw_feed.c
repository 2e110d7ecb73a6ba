/* The raw lwIP feed the replay is measured against (issue 12): the same
 * lwIP library (a profile's demand build) fed the same capture's frames
 * through netif->input, with the clock stopped at every due timer and an
 * HTTP listener on :80, and nothing else: no rewriter, no receive filter
 * beyond "to the device", no neighbours, no transmit matching, no probe,
 * no record. What this costs is lwIP's share; what `lwipsim replay` costs
 * on top is the harness's.
 *
 * usage: lwipsim_bench_raw_feed CAPTURE DEVICE_MAC   (prints frames fed) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capture/pcap_reader.h"
#include "lwip/etharp.h"
#include "lwip/init.h"
#include "lwip/netif.h"
#include "lwip/pbuf.h"
#include "lwip/tcp.h"
#include "lwip/timeouts.h"
#include "netif/ethernet.h"
#include "scenario/scenario.h"

/* What the library needs of a port (nm -u of liblwip-<profile>-demand.a). */
static uint64_t now_ms;
static uint64_t rand_state = 1;
u32_t sys_now(void) { return (u32_t)now_ms; }
sys_prot_t sys_arch_protect(void) { return 0; }
void sys_arch_unprotect(sys_prot_t pval) { (void)pval; }
uint32_t lwipsim_rand(void)
{
  rand_state ^= rand_state << 13;
  rand_state ^= rand_state >> 7;
  rand_state ^= rand_state << 17;
  return (uint32_t)rand_state;
}
void lwipsim_assert_hook(const char *message, const char *file, int line)
{
  fprintf(stderr, "raw feed: lwIP assert %s:%d: %s\n", file, line, message);
  exit(4);
}

static struct netif dev;
static uint64_t transmitted;

static err_t linkoutput(struct netif *netif, struct pbuf *p)
{
  (void)netif;
  (void)p;
  transmitted++;
  return ERR_OK;
}

static err_t dev_init(struct netif *netif)
{
  netif->linkoutput = linkoutput;
  netif->output = etharp_output;
  netif->mtu = 1500;
  netif->hwaddr_len = 6;
  netif->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP | NETIF_FLAG_ETHERNET | NETIF_FLAG_IGMP;
  return ERR_OK;
}

/* The listener: answers each request with a short page and closes. */
static const char page[] = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok";

static err_t on_recv(void *arg, struct tcp_pcb *pcb, struct pbuf *p, err_t err)
{
  (void)arg;
  if (p == NULL || err != ERR_OK) {
    if (p != NULL) {
      pbuf_free(p);
    }
    tcp_arg(pcb, NULL);
    tcp_recv(pcb, NULL);
    if (tcp_close(pcb) != ERR_OK) {
      tcp_abort(pcb);
      return ERR_ABRT;
    }
    return ERR_OK;
  }
  tcp_recved(pcb, p->tot_len);
  pbuf_free(p);
  if (tcp_write(pcb, page, sizeof page - 1, 0) == ERR_OK) {
    tcp_output(pcb);
  }
  return ERR_OK;
}

static err_t on_accept(void *arg, struct tcp_pcb *pcb, err_t err)
{
  (void)arg;
  if (err != ERR_OK || pcb == NULL) {
    return ERR_VAL;
  }
  tcp_recv(pcb, on_recv);
  return ERR_OK;
}

/* Runs every timer due by t, the clock stopped at each. */
static void timers_until(uint64_t t)
{
  for (;;) {
    u32_t sleep = sys_timeouts_sleeptime();
    if (sleep == SYS_TIMEOUTS_SLEEPTIME_INFINITE || now_ms + sleep > t) {
      break;
    }
    now_ms += sleep;
    sys_check_timeouts();
  }
  now_ms = t;
}

int main(int argc, char **argv)
{
  uint8_t mac[6];
  if (argc != 3 || lwipsim_parse_mac(argv[2], mac) != 0) {
    fprintf(stderr, "usage: lwipsim_bench_raw_feed CAPTURE DEVICE_MAC\n");
    return 2;
  }
  char err[512];
  struct lwipsim_pcap_reader *r;
  if (lwipsim_pcap_open(argv[1], &r, err, sizeof err) != 0) {
    fprintf(stderr, "%s\n", err);
    return 2;
  }
  lwip_init();
  ip4_addr_t ip, mask, gw;
  IP4_ADDR(&ip, 10, 77, 0, 2);
  IP4_ADDR(&mask, 255, 255, 255, 0);
  IP4_ADDR(&gw, 10, 77, 0, 1);
  memcpy(dev.hwaddr, mac, 6);
  netif_add(&dev, &ip, &mask, &gw, NULL, dev_init, ethernet_input);
  netif_set_default(&dev);
  netif_set_up(&dev);
  netif_set_link_up(&dev);
  struct tcp_pcb *l = tcp_new();
  tcp_bind(l, IP_ANY_TYPE, 80);
  l = tcp_listen(l);
  tcp_accept(l, on_accept);

  uint64_t fed = 0;
  struct lwipsim_frame f;
  int rc;
  while ((rc = lwipsim_pcap_next(r, &f, err, sizeof err)) == 1) {
    const uint8_t *d = f.data;
    if (f.caplen < 14 || f.caplen > 0xffff || memcmp(d + 6, mac, 6) == 0 ||
        (memcmp(d, mac, 6) != 0 && (d[0] & 1) == 0)) {
      continue; /* the device's own frames, and frames to others */
    }
    timers_until(f.time_us / 1000);
    struct pbuf *p = pbuf_alloc(PBUF_RAW, (u16_t)f.caplen, PBUF_POOL);
    if (p == NULL) {
      continue;
    }
    pbuf_take(p, d, (u16_t)f.caplen);
    if (dev.input(p, &dev) != ERR_OK) {
      pbuf_free(p);
    }
    fed++;
  }
  lwipsim_pcap_close(r);
  if (rc < 0) {
    fprintf(stderr, "%s\n", err);
    return 2;
  }
  printf("%llu frames fed, %llu sent\n", (unsigned long long)fed, (unsigned long long)transmitted);
  return 0;
}
