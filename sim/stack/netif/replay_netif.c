#include "stack/netif/replay_netif.h"

#include <string.h>

#include "capture/pcap_writer.h"
#include "lwip/pbuf.h"
#include "replay/neighbours.h"
#include "replay/rewriter.h"
#include "replay/tx_match.h"
#include "stack/netif/device_netifs.h"
#include "stack/netif/impact_watch.h"
#include "stack/netif/trace.h"
#include "stack/port/clock.h"
#include "stack/state/run_state.h"

#define MAX_FRAME 1514

/* The station (fed by the capture) and, with [device] ap_mac, the access
 * point (device_netifs.c). The AP's link carries no captured frames. */
static lwipsim_replay_wire_fn wire;
static struct lwipsim_pcap_writer *writer;
static struct lwipsim_rewriter *rewriter;
/* The divergence reasons' sum (lwipsim_divergence.noted) when they were copied into
 * the run state last: most frames move none, and need no copy. */
static uint64_t div_noted;
static struct lwipsim_neighbours *neighbours;
static struct lwipsim_tx_match *tx_match;

/* Synthetic neighbour replies and owed peer ACKs wait here for the engine's
 * next step: handing lwIP a frame from inside its own output path would
 * re-enter it. */
#define PENDING_MAX 16
enum synthetic_kind { SYNTHETIC_ARP, SYNTHETIC_ND, SYNTHETIC_ACK };
struct synthetic_frame {
  uint8_t frame[LWIPSIM_NB_REPLY_MAX > LWIPSIM_RW_ACK_MAX ? LWIPSIM_NB_REPLY_MAX : LWIPSIM_RW_ACK_MAX];
  uint32_t len;
  enum synthetic_kind kind;
};
static struct synthetic_frame pending[PENDING_MAX];
static unsigned n_pending;

/* Capture time for the flow tables, each time it moves on: a frame's
 * answers go out in the millisecond it came in. Each step also lets them
 * free one hash bucket's worth of conversations long over (issue 12: memory
 * flat in the capture's length). What they free has been idle for two
 * minutes, so a step per millisecond frees it as surely as a step per call,
 * a few seconds of a dense capture later at most; the bench's 1,000,000
 * frames fall in 118,489 distinct milliseconds, so the sweeps (cold flows,
 * a cache miss each) step about a twelfth as often. */
#define FLOWS_NOT_STEPPED UINT64_MAX /* no step yet: the sim clock starts at 0 and never gets here */
static uint64_t flows_now_ms = FLOWS_NOT_STEPPED;

static void set_now(void)
{
  uint64_t now = lwipsim_clock_now_ms();

  if (now == flows_now_ms) {
    return;
  }
  flows_now_ms = now;
  if (rewriter != NULL) {
    lwipsim_rewriter_set_now(rewriter, now);
  }
  if (tx_match != NULL) {
    lwipsim_tx_match_set_now(tx_match, now);
  }
}

static void answer_neighbour_request(const struct netif *netif, const struct lwipsim_frame_view *v)
{
  if (neighbours == NULL || n_pending == PENDING_MAX) {
    return;
  }
#if LWIP_IPV4
  lwipsim_neighbours_set_ipv4_route(neighbours, (const uint8_t *)netif_ip4_addr(netif),
                                    (const uint8_t *)netif_ip4_netmask(netif), (const uint8_t *)netif_ip4_gw(netif));
#else
  (void)netif;
#endif
  enum lwipsim_nb_kind kind;
  uint32_t n = lwipsim_neighbours_answer_view(neighbours, v, pending[n_pending].frame, &kind);
  if (n > 0) {
    pending[n_pending].kind = kind == LWIPSIM_NB_ARP ? SYNTHETIC_ARP : SYNTHETIC_ND;
    pending[n_pending++].len = n;
  }
}

static void take_owed_acks(void)
{
  uint32_t n;
  while (n_pending < PENDING_MAX && (n = lwipsim_rewriter_take_owed_ack(rewriter, pending[n_pending].frame)) > 0) {
    pending[n_pending].kind = SYNTHETIC_ACK;
    pending[n_pending++].len = n;
  }
}

static err_t linkoutput(struct netif *netif, struct pbuf *p)
{
  /* A frame in one pbuf (lwIP's output of nearly every frame: headers and
   * copied data in one PBUF_RAM) is read where it is; a chain is copied
   * into one piece first. */
  uint8_t copy[MAX_FRAME + 4];
  const uint8_t *buf = copy;
  u16_t len;
  if (p->len == p->tot_len && p->len <= sizeof copy) {
    buf = (const uint8_t *)p->payload;
    len = p->len;
  } else {
    len = pbuf_copy_partial(p, copy, sizeof copy, 0);
  }
  if (netif == lwipsim_netifs_get(LWIPSIM_STATE_AP)) {
    /* Nobody is on the AP's link in a replay: its frames are counted and
     * written out, never matched against the capture (which is the
     * station's) nor answered. */
    lwipsim_state->interfaces.transmitted[LWIPSIM_STATE_AP]++;
    lwipsim_trace_frame(LWIPSIM_TRACE_DEVICE, buf, len);
    if (writer != NULL) {
      lwipsim_pcap_writer_write(writer, lwipsim_clock_now_ms() * 1000u, buf, len);
    }
    return ERR_OK;
  }
  lwipsim_state->frames.transmitted++;
  lwipsim_state->interfaces.transmitted[LWIPSIM_STATE_STA]++;
  /* parsed once for the rewriter, the transmit match, the impact watch and
   * the neighbour responder, none of which changes it */
  struct lwipsim_frame_view v;
  lwipsim_frame_view_parse(&v, buf, len);
  set_now();
  if (rewriter != NULL) {
    lwipsim_rewriter_learn_transmitted_view(rewriter, &v);
    take_owed_acks();
  }
  if (tx_match != NULL) {
    lwipsim_tx_match_frame_view(tx_match, rewriter, &v, 1);
  }
  lwipsim_impact_watch_frame_view(&v, 1, lwipsim_clock_now_ms());
  lwipsim_trace_frame(LWIPSIM_TRACE_DEVICE, buf, len);
  answer_neighbour_request(netif, &v);
  if (writer != NULL) {
    lwipsim_pcap_writer_write(writer, lwipsim_clock_now_ms() * 1000u, buf, len);
  }
  if (wire != NULL) {
    return wire(buf, len);
  }
  return ERR_OK;
}

struct netif *lwipsim_replay_netif_add(const uint8_t mac[6], struct lwipsim_pcap_writer *out)
{
  writer = out;
  wire = NULL;
  lwipsim_rewriter_free(rewriter);
  rewriter = lwipsim_rewriter_new(mac);
  div_noted = 0;
  lwipsim_neighbours_free(neighbours);
  neighbours = lwipsim_neighbours_new(mac);
  lwipsim_tx_match_free(tx_match);
  tx_match = lwipsim_tx_match_new(mac, LWIP_IPV6);
  if (tx_match != NULL) {
    lwipsim_tx_match_count_into(tx_match, &lwipsim_state->tx_match);
  }
  lwipsim_impact_watch_reset(mac, LWIP_IPV6);
  n_pending = 0;
  flows_now_ms = FLOWS_NOT_STEPPED;
  return lwipsim_netifs_add_sta(mac, linkoutput);
}

struct netif *lwipsim_replay_netif_add_ap(const uint8_t mac[6]) { return lwipsim_netifs_add_ap(mac); }

int lwipsim_replay_netif_readd(int itf) { return lwipsim_netifs_readd(itf); }

void lwipsim_replay_netif_set_wire(lwipsim_replay_wire_fn fn) { wire = fn; }

const struct lwipsim_mac_filter *lwipsim_replay_netif_filter(void) { return lwipsim_netifs_sta_filter(); }

static int sta_is_up(void)
{
  struct netif *sta = lwipsim_netifs_get(LWIPSIM_STATE_STA);
  return netif_is_up(sta) && netif_is_link_up(sta);
}

/* As a Wi-Fi driver does: one PBUF_POOL buffer per received frame, dropped
 * when the pool is empty. Returns 1 if lwIP got the frame. */
static int inject(const uint8_t *frame, uint32_t len)
{
  struct pbuf *p = lwipsim_netifs_rx_pbuf(frame, (u16_t)len);
  if (p == NULL) {
    lwipsim_state->frames.dropped_no_pbuf++;
    return 0;
  }
  lwipsim_trace_frame(LWIPSIM_TRACE_PEERS, frame, len);
  lwipsim_netifs_rx_input(lwipsim_netifs_get(LWIPSIM_STATE_STA), p);
  return 1;
}

void lwipsim_replay_netif_offer(const uint8_t *frame, uint32_t caplen, uint32_t len)
{
  struct lwipsim_run_state *s = lwipsim_state;
  s->frames.read++;
  /* The frame parsed once, for the impact watch, the neighbour learner, the
   * rewriter and the transmit match (the receive filter reads the Ethernet
   * header alone). */
  struct lwipsim_frame_view v;
  lwipsim_frame_view_parse(&v, frame, caplen);
  set_now();
  lwipsim_impact_watch_frame_view(&v, 0, lwipsim_clock_now_ms());
  /* Who the peers are, from whatever they sent (the device's own frames are
   * never learned). */
  if (neighbours != NULL) {
    lwipsim_neighbours_learn_view(neighbours, &v);
  }
  switch (lwipsim_frame_classify(lwipsim_netifs_sta_filter(), frame, caplen, len)) {
  case LWIPSIM_FRAME_REFERENCE:
    s->frames.reference++;
    if (rewriter != NULL) {
      lwipsim_rewriter_learn_reference_view(rewriter, &v);
    }
    if (tx_match != NULL) {
      lwipsim_tx_match_frame_view(tx_match, rewriter, &v, 0);
    }
    return;
  case LWIPSIM_FRAME_NON_ETHERNET2: s->frames.skipped_non_ethernet2++; return;
  case LWIPSIM_FRAME_NOT_FOR_DEVICE: s->frames.not_for_device++; return;
  case LWIPSIM_FRAME_MALFORMED: s->frames.malformed++; return;
  case LWIPSIM_FRAME_INJECT: break;
  }
  if (len > 0xffff) {
    s->frames.malformed++; /* no Ethernet frame is this long, nor any pbuf chain lwIP takes in one */
    return;
  }
  if (!sta_is_up()) {
    s->frames.dropped_link_down++; /* a radio that is down receives nothing */
    return;
  }
  /* The live stack chose its own xids, ISNs and ports: map the captured
   * frame onto them, or withhold it as divergence (counted, never silent). */
  static uint8_t fitted[0x10000];
  memcpy(fitted, frame, len);
  if (rewriter != NULL) {
    /* the rewriter reads the frame's first len bytes (the classifier has
     * made sure caplen is at least len): the same view unless they differ */
    if (caplen != len) {
      lwipsim_frame_view_parse(&v, frame, len);
    }
    lwipsim_frame_view_rebase(&v, fitted);
    int inject = lwipsim_rewriter_inbound_view(rewriter, &v);
    const struct lwipsim_divergence *d = lwipsim_rewriter_divergence(rewriter);
    s->divergence.inbound = d->inbound;
    s->divergence.rewritten = d->rewritten;
    s->divergence.diverged = d->diverged;
    const char *why = "?";
    for (int i = 0; d->noted != div_noted && i < LWIPSIM_DIV_REASONS && i < LWIPSIM_MAX_DIV_REASONS; i++) {
      if (d->by_reason[i] != s->divergence.by_reason[i]) {
        why = lwipsim_divergence_reason_name(i);
      }
      s->divergence.by_reason[i] = d->by_reason[i];
    }
    div_noted = d->noted;
    if (!inject) {
      lwipsim_trace_withheld(why);
      return;
    }
  }
  if (inject(fitted, len)) {
    s->frames.injected++;
  }
}

static unsigned deliver_pending(void);

/* After every turn; nearly always nothing is pending, and the delivery's
 * stack frame (a batch of whole frames) costs more than the question. */
unsigned lwipsim_replay_netif_deliver_synthetic(void) { return n_pending > 0 ? deliver_pending() : 0; }

__attribute__((noinline)) static unsigned deliver_pending(void)
{
  unsigned delivered = 0;
  /* a reply may make lwIP send what it queued, never ask again at once;
   * the bound only guards against a loop */
  for (unsigned round = 0; n_pending > 0 && round < PENDING_MAX; round++) {
    /* taken out first: lwIP's output during injection queues new ones */
    unsigned n = n_pending;
    struct synthetic_frame batch[PENDING_MAX];
    memcpy(batch, pending, sizeof batch);
    n_pending = 0;
    for (unsigned i = 0; i < n; i++) {
      if (!sta_is_up()) {
        continue; /* the asker went away: the answer finds no one */
      }
      if (inject(batch[i].frame, batch[i].len)) {
        delivered++;
        if (batch[i].kind == SYNTHETIC_ARP) {
          lwipsim_state->frames.synthetic_arp_replies++;
        } else if (batch[i].kind == SYNTHETIC_ND) {
          lwipsim_state->frames.synthetic_nd_replies++;
        } else {
          lwipsim_state->frames.synthetic_acks++;
        }
      }
    }
  }
  return delivered;
}
