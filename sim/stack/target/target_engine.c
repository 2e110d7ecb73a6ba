#include "stack/target/target_engine.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capture/frame_checksum.h"
#include "capture/pcap_reader.h"
#include "capture/pcap_writer.h"
#include "replay/frame_class.h"
#include "replay/neighbours.h"
#include "replay/rewriter.h"
#include "replay/tx_match.h"
#include "scenario/capture_clock.h"
#include "scenario/scenario.h"
#include "stack/cursor/frame_cursor.h"
#include "stack/netif/impact_watch.h"
#include "stack/netif/trace.h"
#include "stack/port/clock.h"
#include "stack/state/events.h"
#include "stack/state/run_state.h"
#include "stack/target/chip.h"
#include "stack/target/fw_protocol.h"
#include "stack/target/target_image.h"

/* As sim/stack/engine/engine.c. */
#define MAX_STEPS_AT_ONE_INSTANT 100000
/* Instructions one doorbell may take before the chip counts as hung. */
#define DOORBELL_BUDGET 200000000u
#define PENDING_MAX 16
#define MB(member) (t->img.mailbox + (uint32_t)offsetof(struct lwipsim_fw_mailbox, member))

enum synthetic_kind { SYNTHETIC_ARP, SYNTHETIC_ND, SYNTHETIC_ACK };
struct synthetic_frame {
  uint8_t frame[LWIPSIM_NB_REPLY_MAX > LWIPSIM_RW_ACK_MAX ? LWIPSIM_NB_REPLY_MAX : LWIPSIM_RW_ACK_MAX];
  uint32_t len;
  enum synthetic_kind kind;
};

struct target {
  const struct lwipsim_target_config *cfg;
  struct lwipsim_target_result *res;
  struct lwipsim_target_image img;
  struct lwipsim_chip chip;
  uint32_t bell;
  struct lwipsim_fw_out out; /* after the last doorbell */
  int ended;                 /* the chip stopped for good: panic, exit, fault or hung */
  int chip_fault;            /* the emulator saw the fault (chip.h), not the firmware's handler */
  int broken;                /* the pipe failed: a harness error */
  struct lwipsim_mac_filter filter;
  struct lwipsim_rewriter *rewriter;
  struct lwipsim_neighbours *neighbours;
  struct lwipsim_tx_match *tx_match;
  struct synthetic_frame pending[PENDING_MAX];
  unsigned n_pending;
  struct lwipsim_fw_frame tx[LWIPSIM_FW_TX_FRAMES];
  uint32_t events_traced; /* the chip's events given to --pcapng-out so far */
};

/* ---- the host half of the netif (as replay_netif.c, without lwIP) ---- */

static void take_owed_acks(struct target *t)
{
  uint32_t n;
  while (t->n_pending < PENDING_MAX &&
         (n = lwipsim_rewriter_take_owed_ack(t->rewriter, t->pending[t->n_pending].frame)) > 0) {
    t->pending[t->n_pending].kind = SYNTHETIC_ACK;
    t->pending[t->n_pending++].len = n;
  }
}

static void answer_neighbour_request(struct target *t, const uint8_t *frame, uint32_t len)
{
  if (t->n_pending == PENDING_MAX) {
    return;
  }
  /* the station's address as the chip left it after this doorbell */
  lwipsim_neighbours_set_ipv4_route(t->neighbours, t->out.ip4, t->out.ip4 + 4, t->out.ip4 + 8);
  enum lwipsim_nb_kind kind;
  uint32_t n = lwipsim_neighbours_answer(t->neighbours, frame, len, t->pending[t->n_pending].frame, &kind);
  if (n > 0) {
    t->pending[t->n_pending].kind = kind == LWIPSIM_NB_ARP ? SYNTHETIC_ARP : SYNTHETIC_ND;
    t->pending[t->n_pending++].len = n;
  }
}

/* The chip names code by its address ("0x1000326d": firmware/port/
 * fw_symbols.c); an event's text says each with the image's name for it,
 * as the host runner's does. */
static void name_event_addresses(const struct target *t, char *e, size_t cap)
{
  char out[LWIPSIM_EVENT_LEN];
  size_t n = 0;
  for (const char *p = e; *p != '\0' && n + 1 < sizeof out;) {
    unsigned addr;
    const char *sym;
    if (p[0] == '0' && p[1] == 'x' && strspn(p + 2, "0123456789abcdef") == 8 && sscanf(p + 2, "%8x", &addr) == 1 &&
        (sym = lwipsim_target_image_symbol(&t->img, addr)) != NULL) {
      n += (size_t)snprintf(out + n, sizeof out - n, "%s", sym);
      p += 10;
    } else {
      out[n++] = *p++;
    }
  }
  out[n < sizeof out ? n : sizeof out - 1] = '\0';
  snprintf(e, cap, "%s", out);
}

/* --pcapng-out: the chip's events up to its event_head `head` (they are in
 * its SRAM, not in this process's run state), each before the frame it came
 * before, as lwipsim_trace_frame takes the host runner's. */
static int trace_chip_events(struct target *t, uint32_t head)
{
  if (!lwipsim_trace_on()) {
    return 0;
  }
  if (head - t->events_traced > LWIPSIM_EVENT_RING) {
    /* overwritten in the chip's ring: said as the host runner's trace does */
    lwipsim_trace_events_lost(head - t->events_traced - LWIPSIM_EVENT_RING);
    t->events_traced = head - LWIPSIM_EVENT_RING;
  }
  for (; t->events_traced != head; t->events_traced++) {
    char e[LWIPSIM_EVENT_LEN];
    uint32_t at = (uint32_t)offsetof(struct lwipsim_run_state, events) +
                  (t->events_traced % LWIPSIM_EVENT_RING) * (uint32_t)LWIPSIM_EVENT_LEN;
    if (lwipsim_chip_read(&t->chip, t->img.state + at, e, sizeof e) != 0) {
      return -1;
    }
    e[sizeof e - 1] = '\0';
    name_event_addresses(t, e, sizeof e);
    lwipsim_trace_event(e);
  }
  return 0;
}

/* A frame the chip's lwIP sent: replay_netif.c's linkoutput, on the host. */
static void transmitted(struct target *t, const uint8_t *buf, uint32_t len, uint32_t itf)
{
  lwipsim_trace_frame(LWIPSIM_TRACE_DEVICE, buf, len);
  if (itf == LWIPSIM_STATE_AP) {
    /* the access point's link has nobody on it in a replay: counted and
     * written out, never matched against the capture nor answered */
    lwipsim_state->interfaces.transmitted[LWIPSIM_STATE_AP]++;
    if (t->cfg->pcap_out != NULL) {
      lwipsim_pcap_writer_write(t->cfg->pcap_out, lwipsim_clock_now_ms() * 1000u, buf, len);
    }
    return;
  }
  lwipsim_state->frames.transmitted++;
  lwipsim_state->interfaces.transmitted[LWIPSIM_STATE_STA]++;
  lwipsim_rewriter_learn_transmitted(t->rewriter, buf, len);
  take_owed_acks(t);
  lwipsim_tx_match_frame(t->tx_match, t->rewriter, buf, len, 1);
  lwipsim_impact_watch_frame(buf, len, 1, lwipsim_clock_now_ms());
  answer_neighbour_request(t, buf, len);
  if (t->cfg->pcap_out != NULL) {
    lwipsim_pcap_writer_write(t->cfg->pcap_out, lwipsim_clock_now_ms() * 1000u, buf, len);
  }
}

/* The chip's failure summary into the host's run state, where the impact
 * watch reads it (the chip's whole state replaces it at the end). */
static void shadow_failures(const struct target *t)
{
  struct lwipsim_run_state *s = lwipsim_state;
  s->n_pools = 1;
  s->pools[0].failed = t->out.pool_failures;
  s->pool_failures = t->out.pool_failures;
  s->panicked = (int)t->out.panicked;
  s->n_asserts = t->out.n_asserts;
  s->heap.failed = t->out.heap_failed;
  s->device.http_write_refused = t->out.write_refused;
}

/* ---- the mailbox ---- */

static int take_tx(struct target *t)
{
  uint32_t n = t->out.tx_count;
  if (n > LWIPSIM_FW_TX_FRAMES) {
    return -1;
  }
  if (n > 0 && lwipsim_chip_read(&t->chip, MB(tx), t->tx, n * (uint32_t)sizeof t->tx[0]) != 0) {
    return -1;
  }
  for (uint32_t i = 0; i < n; i++) {
    if (trace_chip_events(t, t->tx[i].event_head) != 0) {
      return -1;
    }
    transmitted(t, t->tx[i].data, t->tx[i].len < LWIPSIM_FW_FRAME_MAX ? t->tx[i].len : LWIPSIM_FW_FRAME_MAX,
                t->tx[i].itf);
  }
  t->out.tx_count = 0;
  return 0;
}

static void chip_ended(struct target *t, uint32_t status)
{
  t->ended = 1;
  if (status == LWIPSIM_FW_FAULT) {
    if (t->chip_fault) {
      t->out.fault_pc = t->chip.pc;
    }
    t->res->fault = 1;
    t->res->fault_pc = t->out.fault_pc;
    const char *name = lwipsim_target_image_symbol(&t->img, t->out.fault_pc);
    snprintf(t->res->fault_symbol, sizeof t->res->fault_symbol, "%s", name ? name : "");
    lwipsim_event_add("HardFault at 0x%08x (%s)", t->out.fault_pc, name ? name : "?");
  }
}

/* One engine step on the chip. Returns 0 (also when the chip ended), -1
 * when the pipe failed. */
static int doorbell(struct target *t, uint32_t ops, const struct lwipsim_action *act, const uint8_t *rx, uint32_t rxlen)
{
  if (t->ended) {
    return 0;
  }
  struct lwipsim_chip *c = &t->chip;
  uint64_t now = lwipsim_clock_now_ms();
  int rc = lwipsim_chip_write(c, MB(now_ms), &now, 8) | lwipsim_chip_write32(c, MB(ops), ops);
  if (act != NULL) {
    uint8_t wire[LWIPSIM_FW_ACTION_WIRE];
    lwipsim_fw_action_encode(act, wire);
    rc |= lwipsim_chip_write(c, MB(action), wire, (uint32_t)sizeof wire);
  }
  if (rx != NULL) {
    rc |= lwipsim_chip_write32(c, MB(rx.len), rxlen) | lwipsim_chip_write(c, MB(rx.data), rx, rxlen);
  }
  rc |= lwipsim_chip_write32(c, MB(doorbell), ++t->bell);
  /* the received frame goes to --pcapng-out once lwIP has its pbuf, before
   * anything lwIP sends in answer (replay_netif.c's inject) */
  uint32_t head_before = t->out.event_head;
  int rx_traced = rx == NULL;
  for (uint64_t spent = 0; rc == 0;) {
    int ran = lwipsim_chip_run(c, DOORBELL_BUDGET);
    uint32_t hdr[4];
    if (ran < 0 || lwipsim_chip_read(c, t->img.mailbox, hdr, sizeof hdr) != 0 ||
        lwipsim_chip_read(c, MB(out), &t->out, sizeof t->out) != 0) {
      return -1;
    }
    if (!rx_traced && t->out.rx_result == 1) {
      rx_traced = 1;
      if (trace_chip_events(t, head_before) != 0) {
        return -1;
      }
      lwipsim_trace_frame(LWIPSIM_TRACE_PEERS, rx, rxlen);
    }
    if (take_tx(t) != 0) {
      return -1;
    }
    spent = c->instructions;
    uint32_t status = hdr[1];
    if (ran == 2) {
      /* a real chip takes its HardFault here (ARMv6-M: UDF, a bus error) */
      t->chip_fault = 1;
      chip_ended(t, LWIPSIM_FW_FAULT);
      return 0;
    }
    if (ran == 0 || spent > t->cfg->max_instructions) {
      const char *name = lwipsim_target_image_symbol(&t->img, c->pc);
      lwipsim_event_add("the chip used its instruction budget at %llu ms, PC 0x%08x (%s)", (unsigned long long)now,
                        c->pc, name ? name : "?");
      t->res->hung = 1;
      t->ended = 1;
      return 0;
    }
    if (status == LWIPSIM_FW_TX_FULL) {
      /* the frames are taken: the firmware goes on */
      rc = lwipsim_chip_write32(c, MB(out.tx_count), 0) | lwipsim_chip_write32(c, MB(status), LWIPSIM_FW_BUSY);
      continue;
    }
    if (status == LWIPSIM_FW_IDLE && hdr[3] == t->bell) {
      shadow_failures(t);
      return 0;
    }
    if (status == LWIPSIM_FW_PANICKED || status == LWIPSIM_FW_EXITED || status == LWIPSIM_FW_FAULT) {
      chip_ended(t, status);
      return 0;
    }
    /* a WFI anywhere else is not the protocol */
    lwipsim_event_add("the chip waits in status %u at PC 0x%08x", status, c->pc);
    return -1;
  }
  return -1;
}

/* ---- the frames (replay_netif.c's offer and synthetic delivery) ---- */

static int link_up(const struct target *t) { return (t->out.netif_flags & 3u) == 3u; }

static void update_filter(struct target *t)
{
  t->filter.accept_all_multicast = (int)t->out.accept_all_multicast;
  t->filter.n_groups = t->out.n_groups < LWIPSIM_MAX_MCAST ? t->out.n_groups : LWIPSIM_MAX_MCAST;
  memcpy(t->filter.groups, t->out.groups, sizeof t->filter.groups);
}

/* Returns 1 when the frame goes to the chip (fitted, in *frame). */
static int offer(struct target *t, uint8_t *fitted, const uint8_t *frame, uint32_t caplen, uint32_t len)
{
  struct lwipsim_run_state *s = lwipsim_state;
  s->frames.read++;
  lwipsim_impact_watch_frame(frame, caplen, 0, lwipsim_clock_now_ms());
  lwipsim_neighbours_learn(t->neighbours, frame, caplen);
  update_filter(t);
  switch (lwipsim_frame_classify(&t->filter, frame, caplen, len)) {
  case LWIPSIM_FRAME_REFERENCE:
    s->frames.reference++;
    lwipsim_rewriter_learn_reference(t->rewriter, frame, caplen);
    lwipsim_tx_match_frame(t->tx_match, t->rewriter, frame, caplen, 0);
    return 0;
  case LWIPSIM_FRAME_NON_ETHERNET2: s->frames.skipped_non_ethernet2++; return 0;
  case LWIPSIM_FRAME_NOT_FOR_DEVICE: s->frames.not_for_device++; return 0;
  case LWIPSIM_FRAME_MALFORMED: s->frames.malformed++; return 0;
  case LWIPSIM_FRAME_INJECT: break;
  }
  if (len > LWIPSIM_FW_FRAME_MAX) {
    s->frames.malformed++; /* no Ethernet frame is this long; the mailbox holds one of 1536 */
    return 0;
  }
  if (!link_up(t)) {
    s->frames.dropped_link_down++;
    return 0;
  }
  memcpy(fitted, frame, len);
  int inject = lwipsim_rewriter_inbound(t->rewriter, fitted, len);
  const struct lwipsim_divergence *d = lwipsim_rewriter_divergence(t->rewriter);
  s->divergence.inbound = d->inbound;
  s->divergence.rewritten = d->rewritten;
  s->divergence.diverged = d->diverged;
  const char *why = "?"; /* the reason whose count went up, for --pcapng-out */
  for (int i = 0; i < LWIPSIM_DIV_REASONS && i < LWIPSIM_MAX_DIV_REASONS; i++) {
    if (d->by_reason[i] != s->divergence.by_reason[i]) {
      why = lwipsim_divergence_reason_name(i);
    }
    s->divergence.by_reason[i] = d->by_reason[i];
  }
  if (!inject) {
    lwipsim_trace_withheld(why);
  }
  return inject;
}

static int deliver_synthetic(struct target *t)
{
  for (unsigned round = 0; t->n_pending > 0 && round < PENDING_MAX; round++) {
    unsigned n = t->n_pending;
    struct synthetic_frame batch[PENDING_MAX];
    memcpy(batch, t->pending, sizeof batch);
    t->n_pending = 0;
    for (unsigned i = 0; i < n; i++) {
      if (!link_up(t) || t->ended) {
        continue;
      }
      if (doorbell(t, LWIPSIM_FW_OP_RX, NULL, batch[i].frame, batch[i].len) != 0) {
        return -1;
      }
      if (t->out.rx_result == 1) {
        uint64_t *count = batch[i].kind == SYNTHETIC_ARP  ? &lwipsim_state->frames.synthetic_arp_replies
                          : batch[i].kind == SYNTHETIC_ND ? &lwipsim_state->frames.synthetic_nd_replies
                                                          : &lwipsim_state->frames.synthetic_acks;
        (*count)++;
      } else {
        lwipsim_state->frames.dropped_no_pbuf++;
      }
    }
  }
  return 0;
}

/* engine.c's lwipsim_engine_after_turn: the device's poll went with the
 * doorbell; then the peers' answers, then the impact watch. */
static int after_turn(struct target *t)
{
  if (deliver_synthetic(t) != 0) {
    return -1;
  }
  lwipsim_impact_watch_check();
  return 0;
}

static int offer_frame(struct target *t, const struct lwipsim_frame *f)
{
  static uint8_t copy[65536], fitted[65536];
  const uint8_t *data = f->data;
  const struct lwipsim_scenario *sc = t->cfg->scenario;
  if (sc->capture_checksums_recompute && f->caplen <= sizeof copy &&
      (f->caplen < 12 || memcmp(f->data + 6, t->cfg->device_mac, 6) != 0)) {
    memcpy(copy, f->data, f->caplen);
    lwipsim_frame_fix_checksums(copy, f->caplen);
    data = copy;
  }
  uint32_t len = f->len;
  int inject = offer(t, fitted, data, f->caplen, len);
  uint32_t ops = LWIPSIM_FW_OP_POLL | (inject ? LWIPSIM_FW_OP_RX : 0u);
  if (doorbell(t, ops, NULL, inject ? fitted : NULL, len) != 0) {
    return -1;
  }
  if (inject && !t->ended) {
    if (t->out.rx_result == 1) {
      lwipsim_state->frames.injected++;
    } else {
      lwipsim_state->frames.dropped_no_pbuf++;
    }
  }
  return after_turn(t);
}

/* ---- the chip's run state into the record's ---- */

static void name_code(const struct target *t, char *name, size_t cap)
{
  unsigned addr;
  char tail;
  if (sscanf(name, "0x%8x%c", &addr, &tail) != 1 || strlen(name) != 10) {
    return;
  }
  const char *sym = lwipsim_target_image_symbol(&t->img, addr);
  if (sym != NULL) {
    snprintf(name, cap, "%s", sym);
  }
}

static void name_timers(const struct target *t, struct lwipsim_timer_list *l)
{
  for (uint32_t i = 0; i < l->count && i < LWIPSIM_MAX_TIMERS; i++) {
    name_code(t, l->names[i], sizeof l->names[i]);
  }
}

/* The chip's pools, timers, panic, asserts, heap, device counters and
 * events; the host's frames, interfaces' counts, divergence, transmit match
 * and clock; code addresses named from the image. */
static int take_chip_state(struct target *t)
{
  struct lwipsim_run_state *host = malloc(sizeof *host), *s = lwipsim_state;
  if (host == NULL) {
    return -1;
  }
  memcpy(host, s, sizeof *host);
  if (lwipsim_chip_read(&t->chip, t->img.state, s, (uint32_t)sizeof *s) != 0) {
    memcpy(s, host, sizeof *host);
    free(host);
    return -1;
  }
  s->now_ms = host->now_ms;
  memcpy(&s->frames, &host->frames, sizeof s->frames);
  s->interfaces.count = host->interfaces.count;
  memcpy(s->interfaces.mac, host->interfaces.mac, sizeof s->interfaces.mac);
  memcpy(s->interfaces.transmitted, host->interfaces.transmitted, sizeof s->interfaces.transmitted);
  memcpy(&s->divergence, &host->divergence, sizeof s->divergence);
  memcpy(&s->tx_match, &host->tx_match, sizeof s->tx_match);
  memcpy(&s->impact, &host->impact, sizeof s->impact);
  s->timed_out = host->timed_out;
  memcpy(s->harness_error, host->harness_error, sizeof s->harness_error);
  for (uint32_t i = 0; i < s->n_pools && i < LWIPSIM_MAX_POOLS; i++) {
    for (uint32_t k = 0; k < s->pools[i].n_sites && k < LWIPSIM_MAX_SITES; k++) {
      name_code(t, s->pools[i].sites[k].name, sizeof s->pools[i].sites[k].name);
    }
  }
  /* the heap's failure sites: the allocator's caller on the chip (heap_probe.c) */
  for (uint32_t k = 0; k < s->heap.n_sites && k < LWIPSIM_MAX_SITES; k++) {
    name_code(t, s->heap.sites[k].name, sizeof s->heap.sites[k].name);
  }
  for (uint32_t k = 0; k < s->heap.n_failures && k < LWIPSIM_MAX_HEAP_FAILURES; k++) {
    name_code(t, s->heap.failures[k].site, sizeof s->heap.failures[k].site);
  }
  name_timers(t, &s->sys_timeout_at_peak);
  name_timers(t, &s->sys_timeout_at_first_failure);
  name_timers(t, &s->panic_armed);
  name_code(t, s->panic_arming, sizeof s->panic_arming);
  for (uint32_t k = 0; k < LWIPSIM_EVENT_RING; k++) {
    name_event_addresses(t, s->events[k], sizeof s->events[k]);
  }
  /* the host's own events after the chip's, as they were written (each
   * already carries its time) */
  uint32_t n = host->event_head < LWIPSIM_EVENT_RING ? host->event_head : LWIPSIM_EVENT_RING;
  for (uint32_t k = host->event_head - n; k < host->event_head; k++) {
    memcpy(s->events[s->event_head++ % LWIPSIM_EVENT_RING], host->events[k % LWIPSIM_EVENT_RING], LWIPSIM_EVENT_LEN);
  }
  free(host);
  return 0;
}

/* ---- the loop (engine.c's lwipsim_engine_run) ---- */

static int run_loop(struct target *t, struct lwipsim_frame_cursor *frames, char *err, size_t errlen)
{
  const struct lwipsim_scenario *sc = t->cfg->scenario;
  size_t next_action = 0;
  uint64_t last_t = LWIPSIM_TIME_NEVER;
  unsigned steps_here = 0;
  while (!t->ended) {
    if (t->cfg->stop != NULL && *t->cfg->stop) {
      lwipsim_event_add("run stopped before its end");
      return 0;
    }
    uint64_t action_ms = next_action < sc->n_actions ? sc->actions[next_action].time_ms : LWIPSIM_TIME_NEVER;
    uint64_t timer_ms = lwipsim_clock_timer_due_ms(t->out.next_timer_ms);
    if (sc->timers_poll_ms != 0 && timer_ms != LWIPSIM_TIME_NEVER) {
      timer_ms = (timer_ms + sc->timers_poll_ms - 1) / sc->timers_poll_ms * sc->timers_poll_ms;
    }
    uint64_t now = lwipsim_clock_next_event(lwipsim_frame_cursor_due_ms(frames), action_ms, timer_ms);
    if (now == LWIPSIM_TIME_NEVER || now > sc->duration_ms) {
      break;
    }
    if (now == last_t && ++steps_here > MAX_STEPS_AT_ONE_INSTANT) {
      snprintf(err, errlen, "%s: lwIP's timers make no progress at %llu ms (livelock)", sc->path,
               (unsigned long long)now);
      return -1;
    }
    if (now != last_t) {
      steps_here = 0;
      last_t = now;
    }
    lwipsim_clock_set_ms(now);
    while (next_action < sc->n_actions && sc->actions[next_action].time_ms <= now && !t->ended) {
      if (doorbell(t, LWIPSIM_FW_OP_ACTION, &sc->actions[next_action++], NULL, 0) != 0) {
        return -2;
      }
    }
    if (timer_ms <= now &&
        (doorbell(t, LWIPSIM_FW_OP_TIMERS | LWIPSIM_FW_OP_POLL, NULL, NULL, 0) != 0 || after_turn(t) != 0)) {
      return -2;
    }
    while (frames->have && lwipsim_frame_cursor_due_ms(frames) <= now && !t->ended) {
      frames->offered = 1;
      if (offer_frame(t, &frames->frame) != 0) {
        return -2;
      }
      if (t->ended) {
        break; /* the frame that ended the run was offered: read_rest skips it */
      }
      if (lwipsim_frame_cursor_advance(frames, err, errlen) != 0) {
        return -1;
      }
    }
    uint32_t ops = LWIPSIM_FW_OP_POLL;
    if (sc->timers_poll_ms == 0 || now % sc->timers_poll_ms == 0) {
      ops |= LWIPSIM_FW_OP_TIMERS;
    }
    if (doorbell(t, ops, NULL, NULL, 0) != 0 || after_turn(t) != 0) {
      return -2;
    }
  }
  if (t->ended) {
    return 0;
  }
  lwipsim_clock_set_ms(sc->duration_ms);
  if (lwipsim_frame_cursor_drain(frames, err, errlen) != 0) {
    return -1;
  }
  lwipsim_event_add("end of scenario");
  return 0;
}

static int boot(struct target *t, char *err, size_t errlen)
{
  const struct lwipsim_target_config *cfg = t->cfg;
  if (lwipsim_chip_start(&t->chip, cfg->emulator, t->img.flash, t->img.flash_len, err, errlen) != 0) {
    return -1;
  }
  /* the reset handler zeroes .bss and sets the mailbox's magic, then waits */
  uint32_t hdr[4] = { 0 };
  if (lwipsim_chip_run(&t->chip, DOORBELL_BUDGET) != 1 || lwipsim_chip_read(&t->chip, t->img.mailbox, hdr, 16) != 0 ||
      hdr[0] != LWIPSIM_FW_MAGIC || hdr[1] != LWIPSIM_FW_IDLE) {
    snprintf(err, errlen, "%s: the image did not boot on the emulated RP2040 (status %u, PC 0x%08x)", t->img.path,
             hdr[1], t->chip.pc);
    return -1;
  }
  const struct lwipsim_scenario *sc = cfg->scenario;
  uint32_t seed = sc->seed;
  uint8_t has_ap = sc->has_ap_mac ? 1 : 0;
  if (lwipsim_chip_write(&t->chip, MB(seed), &seed, 4) != 0 ||
      lwipsim_chip_write(&t->chip, MB(mac), cfg->device_mac, 6) != 0 ||
      lwipsim_chip_write(&t->chip, MB(ap_mac), sc->ap_mac, 6) != 0 ||
      lwipsim_chip_write(&t->chip, MB(has_ap), &has_ap, 1) != 0 ||
      doorbell(t, LWIPSIM_FW_OP_BOOT, NULL, NULL, 0) != 0 || t->ended) {
    snprintf(err, errlen, "%s: lwIP did not start on the emulated RP2040", t->img.path);
    return -1;
  }
  if (has_ap && t->out.action_status != 0) {
    /* as the host engine's lwipsim_engine_add_interfaces */
    snprintf(err, errlen,
             "%s: [device] ap_mac needs a second netif, which lwIP refused (the profile has LWIP_SINGLE_NETIF 1?)",
             sc->path);
    return -1;
  }
  /* the script's "on EVENT" actions, which the chip's device code runs on
   * the event (the timed ones come one doorbell each, when due) */
  for (size_t i = 0; i < sc->n_actions; i++) {
    if (sc->actions[i].trigger != LWIPSIM_TRIGGER_TIME &&
        (doorbell(t, LWIPSIM_FW_OP_EVENT_ACTION, &sc->actions[i], NULL, 0) != 0 || t->ended ||
         t->out.action_status != 0)) {
      snprintf(err, errlen, "%s:%d: the emulated RP2040 did not take this 'on EVENT' action", sc->path,
               sc->actions[i].line);
      return -1;
    }
  }
  return 0;
}

int lwipsim_target_run(const struct lwipsim_target_config *cfg, struct lwipsim_target_result *res, char *err,
                       size_t errlen)
{
  static struct target tt;
  struct target *t = &tt;
  memset(t, 0, sizeof *t);
  memset(res, 0, sizeof *res);
  t->cfg = cfg;
  t->res = res;
  struct lwipsim_target_config budgeted = *cfg;
  if (budgeted.max_instructions == 0) {
    budgeted.max_instructions = LWIPSIM_TARGET_DEFAULT_BUDGET;
  }
  t->cfg = &budgeted;
  const struct lwipsim_scenario *sc = cfg->scenario;
  size_t n_event = 0;
  for (size_t i = 0; i < sc->n_actions; i++) {
    if (sc->actions[i].trigger != LWIPSIM_TRIGGER_TIME && ++n_event > LWIPSIM_FW_EVENT_ACTIONS) {
      snprintf(err, errlen,
               "%s:%d: more than %u 'on EVENT' actions, which the RP2040 image holds (replay it on the host)", sc->path,
               sc->actions[i].line, LWIPSIM_FW_EVENT_ACTIONS);
      return -1;
    }
  }
  if (lwipsim_target_image_open(cfg->image, &t->img, err, errlen) != 0) {
    return -1;
  }
  res->target = t->img.ilp32 ? "ilp32" : "rp2040";
  memcpy(t->filter.device, cfg->device_mac, 6);
  t->rewriter = lwipsim_rewriter_new(cfg->device_mac);
  t->neighbours = lwipsim_neighbours_new(cfg->device_mac);
  t->tx_match = lwipsim_tx_match_new(cfg->device_mac, cfg->ipv6_built);
  if (t->tx_match != NULL) {
    lwipsim_tx_match_count_into(t->tx_match, &lwipsim_state->tx_match);
  }
  lwipsim_impact_watch_reset(cfg->device_mac, cfg->ipv6_built);
  lwipsim_state->interfaces.count = sc->has_ap_mac ? 2 : 1;
  memcpy(lwipsim_state->interfaces.mac[LWIPSIM_STATE_STA], cfg->device_mac, 6);
  if (sc->has_ap_mac) {
    memcpy(lwipsim_state->interfaces.mac[LWIPSIM_STATE_AP], sc->ap_mac, 6);
  }
  lwipsim_clock_reset();

  int rc = -1;
  struct lwipsim_frame_cursor frames = { .reader = cfg->capture };
  lwipsim_capture_clock_init(&frames.clock, sc->capture_start_ms, sc->capture_max_gap_ms);
  if (t->rewriter == NULL || t->neighbours == NULL || t->tx_match == NULL) {
    snprintf(err, errlen, "out of memory for the replay's state");
  } else if (boot(t, err, errlen) == 0 && lwipsim_frame_cursor_advance(&frames, err, errlen) == 0) {
    rc = run_loop(t, &frames, err, errlen);
    if (rc == -2) {
      snprintf(err, errlen, "%s: the emulated RP2040 stopped answering (node child gone?)", cfg->emulator);
      rc = -1;
    }
  }
  /* --pcapng-out: the chip's events after the last frame (its run state's
   * event_head: `out` is stale after a panic), then the state replaces the
   * host's and holds them all */
  uint32_t head;
  if (rc == 0 && lwipsim_trace_on() &&
      (lwipsim_chip_read(&t->chip, t->img.state + (uint32_t)offsetof(struct lwipsim_run_state, event_head), &head, 4) !=
           0 ||
       trace_chip_events(t, head) != 0)) {
    snprintf(err, errlen, "%s: cannot read the chip's events", cfg->emulator);
    rc = -1;
  }
  if (rc == 0 && take_chip_state(t) != 0) {
    snprintf(err, errlen, "%s: cannot read the chip's run state", cfg->emulator);
    rc = -1;
  }
  if (rc == 0) {
    lwipsim_trace_events_taken();
    if (res->hung) {
      lwipsim_state->timed_out = 1;
    }
    if (t->ended) {
      lwipsim_frame_cursor_read_rest(&frames, sc->duration_ms);
    }
  }
  res->instructions = t->chip.instructions;
  res->cycles = t->chip.cycles;
  lwipsim_chip_stop(&t->chip);
  lwipsim_target_image_close(&t->img);
  lwipsim_rewriter_free(t->rewriter);
  lwipsim_neighbours_free(t->neighbours);
  lwipsim_tx_match_free(t->tx_match);
  return rc;
}
