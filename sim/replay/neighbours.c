/* Peer address table and the replies built from it (sim/replay/neighbours.h). */
#include "replay/neighbours.h"

#include <stdlib.h>
#include <string.h>

#include "common/mac_eq.h"
#include "replay/rewrite_priv.h"

#define MAX_ENTRIES 256
#define ICMP6_NS 135
#define ICMP6_NA 136
#define NA_SOLICITED 0x40
#define NA_OVERRIDE 0x20
#define ND_OPT_TARGET_LLADDR 2
#define NA_LEN 32 /* ICMPv6 header, flags, target, target link-layer option */

struct nb_entry {
  uint8_t fam; /* RW_FAM_IP4 or RW_FAM_IP6 */
  uint8_t own; /* the device's address: never a peer's, never answered */
  uint8_t addr[16];
  uint8_t mac[6];
};

struct nb_recent {
  uint8_t mac[6];
  uint8_t fam; /* RW_FAM_NONE (0): nothing offered yet */
  uint8_t addr[16];
} __attribute__((aligned(8))); /* 24 bytes: picking one is a shift and an add */

struct lwipsim_neighbours {
  uint8_t device_mac[6];
  uint8_t ip4[4], mask4[4], gw4[4]; /* the live device's IPv4 route, when it has one */
  unsigned n;
  struct nb_entry e[MAX_ENTRIES];
  /* The pair each side (a peer's, the device's own) offered last: a
   * conversation offers the same two again and again, and a pair offered
   * again changes nothing (entries are never removed, and what decided the
   * pair's fate last time still holds). */
  struct nb_recent recent[2];
};

static const uint8_t zero16[16];

struct lwipsim_neighbours *lwipsim_neighbours_new(const uint8_t device_mac[6])
{
  struct lwipsim_neighbours *nb = calloc(1, sizeof(*nb));

  if (nb != NULL) {
    memcpy(nb->device_mac, device_mac, 6);
  }
  return nb;
}

void lwipsim_neighbours_free(struct lwipsim_neighbours *nb) { free(nb); }

unsigned lwipsim_neighbours_count(const struct lwipsim_neighbours *nb)
{
  unsigned peers = 0;

  for (unsigned i = 0; i < nb->n; i++) {
    peers += !nb->e[i].own;
  }
  return peers;
}

/* Constant lengths, so the compiler compares in place (every frame looks
 * its source up; a library call per entry cost more than the search). */
static int same_addr(const uint8_t *a, const uint8_t *b, int fam)
{
  return fam == RW_FAM_IP6 ? memcmp(a, b, 16) == 0 : memcmp(a, b, 4) == 0;
}

static struct nb_entry *find(const struct lwipsim_neighbours *nb, int fam, const uint8_t *addr)
{
  for (unsigned i = 0; i < nb->n; i++) {
    if (nb->e[i].fam == fam && same_addr(nb->e[i].addr, addr, fam)) {
      return (struct nb_entry *)(uintptr_t)&nb->e[i];
    }
  }
  return NULL;
}

/* An address a host answers for: not unspecified, multicast or broadcast. */
static int unicast(int fam, const uint8_t *a)
{
  if (fam == RW_FAM_IP6) {
    return memcmp(a, zero16, 16) != 0 && a[0] != 0xff;
  }
  return memcmp(a, zero16, 4) != 0 && (a[0] & 0xf0) != 0xe0 &&
         !(a[0] == 255 && a[1] == 255 && a[2] == 255 && a[3] == 255);
}

static void remember_new(struct lwipsim_neighbours *nb, int fam, const uint8_t *addr, const uint8_t mac[6], int own);

/* A pair the recent cache does not hold: out of line, so the common case
 * (the pair offered last) sets up no call frame of its own. */
static __attribute__((noinline)) void remember_other(struct lwipsim_neighbours *nb, struct nb_recent *r, int fam,
                                                     const uint8_t *addr, const uint8_t mac[6], int own)
{
  remember_new(nb, fam, addr, mac, own);
  r->fam = (uint8_t)fam;
  memcpy(r->addr, addr, fam == RW_FAM_IP6 ? 16 : 4);
  memcpy(r->mac, mac, 6);
}

/* fam: RW_FAM_IP4 or RW_FAM_IP6, never RW_FAM_NONE (an empty cache entry). */
static inline void remember(struct lwipsim_neighbours *nb, int fam, const uint8_t *addr, const uint8_t mac[6])
{
  int own = lwipsim_mac_eq(mac, nb->device_mac);
  struct nb_recent *r = &nb->recent[own];
  if (r->fam == fam && lwipsim_mac_eq(r->mac, mac) && same_addr(r->addr, addr, fam)) {
    return;
  }
  remember_other(nb, r, fam, addr, mac, own);
}

static void remember_new(struct lwipsim_neighbours *nb, int fam, const uint8_t *addr, const uint8_t mac[6], int own)
{
  struct nb_entry *e;

  /* a group or broadcast source MAC is no host's */
  if ((mac[0] & 1) != 0 || !unicast(fam, addr)) {
    return;
  }
  if ((e = find(nb, fam, addr)) != NULL && e->own) {
    return; /* a peer claiming the device's address is not believed */
  }
  if (e == NULL) {
    if (nb->n == MAX_ENTRIES) {
      return;
    }
    e = &nb->e[nb->n++];
    e->fam = (uint8_t)fam;
    memcpy(e->addr, addr, fam == RW_FAM_IP6 ? 16 : 4);
  }
  e->own = (uint8_t)own;
  memcpy(e->mac, mac, 6); /* the latest pair wins, as in a neighbour cache */
}

void lwipsim_neighbours_learn(struct lwipsim_neighbours *nb, const uint8_t *frame, uint32_t len)
{
  struct rw_pkt p;

  rw_parse(&p, frame, len);
  lwipsim_neighbours_learn_view(nb, &p);
}

/* An ARP frame's sender: out of line, so that the IP frames (most) need no
 * call frame for the ARP reader's answer. */
static __attribute__((noinline)) void learn_arp(struct lwipsim_neighbours *nb, const struct lwipsim_frame_view *p)
{
  uint32_t op;

  if (rw_arp_ip4(p, &op)) {
    remember(nb, RW_FAM_IP4, p->f + p->l3 + LWIPSIM_ARP_SPA, p->f + p->l3 + LWIPSIM_ARP_SHA);
  }
}

void lwipsim_neighbours_learn_view(struct lwipsim_neighbours *nb, const struct lwipsim_frame_view *p)
{
  if (p->fam == RW_FAM_IP4 || p->fam == RW_FAM_IP6) {
    remember(nb, p->fam, p->f + p->src, p->f + 6);
  } else if (p->fam == RW_FAM_ARP) {
    learn_arp(nb, p);
  }
}

static uint32_t arp_reply(const struct nb_entry *e, const uint8_t *req, uint8_t *out)
{
  const uint8_t *a = req + LWIPSIM_ETH_HLEN;
  uint8_t *r = out + LWIPSIM_ETH_HLEN;

  memcpy(out, req + 6, 6); /* to the asker */
  memcpy(out + 6, e->mac, 6);
  rw_put16(out + 12, LWIPSIM_ETHTYPE_ARP);
  memcpy(r, a, 6); /* hardware and protocol types and lengths */
  rw_put16(r + 6, LWIPSIM_ARP_OP_REPLY);
  memcpy(r + LWIPSIM_ARP_SHA, e->mac, 6);
  memcpy(r + LWIPSIM_ARP_SPA, e->addr, 4);
  memcpy(r + LWIPSIM_ARP_THA, a + LWIPSIM_ARP_SHA, 6);
  memcpy(r + LWIPSIM_ARP_TPA, a + LWIPSIM_ARP_SPA, 4);
  return LWIPSIM_ETH_HLEN + LWIPSIM_ARP_LEN;
}

void lwipsim_neighbours_set_ipv4_route(struct lwipsim_neighbours *nb, const uint8_t ip[4], const uint8_t mask[4],
                                       const uint8_t gw[4])
{
  memcpy(nb->ip4, ip, 4);
  memcpy(nb->mask4, mask, 4);
  memcpy(nb->gw4, gw, 4);
}

static int on_link(const struct lwipsim_neighbours *nb, const uint8_t *a)
{
  for (int i = 0; i < 4; i++) {
    if ((a[i] & nb->mask4[i]) != (nb->ip4[i] & nb->mask4[i])) {
      return 0;
    }
  }
  return 1;
}

/* The live stack asks for its gateway, which the capture never shows by
 * address (a router's own IP is rarely in the traffic it forwards). Its MAC
 * is the one that carried the off-link peers' frames: answer with it when
 * those frames all came through one MAC, and not when they disagree. */
static int find_router(const struct lwipsim_neighbours *nb, const uint8_t *target, struct nb_entry *out)
{
  const uint8_t *mac = NULL;

  if (memcmp(nb->gw4, zero16, 4) == 0 || memcmp(target, nb->gw4, 4) != 0) {
    return 0;
  }
  for (unsigned i = 0; i < nb->n; i++) {
    const struct nb_entry *e = &nb->e[i];
    if (e->fam != RW_FAM_IP4 || e->own || on_link(nb, e->addr)) {
      continue;
    }
    if (mac != NULL && memcmp(mac, e->mac, 6) != 0) {
      return 0;
    }
    mac = e->mac;
  }
  if (mac == NULL) {
    return 0;
  }
  memset(out, 0, sizeof(*out));
  out->fam = RW_FAM_IP4;
  memcpy(out->addr, nb->gw4, 4);
  memcpy(out->mac, mac, 6);
  return 1;
}

/* answer_arp and answer_ns are out of line: most frames the live stack sends
 * are neither ARP nor IPv6, and leave lwipsim_neighbours_answer_view at its
 * family test without setting up their frames. */
static __attribute__((noinline)) uint32_t answer_arp(const struct lwipsim_neighbours *nb, const struct rw_pkt *p,
                                                     uint8_t *out)
{
  const uint8_t *a = p->f + p->l3;
  const struct nb_entry *e;
  uint32_t op;

  if (!rw_arp_ip4(p, &op) || op != LWIPSIM_ARP_OP_REQUEST) {
    return 0;
  }
  /* an ARP probe (sender 0.0.0.0) or announcement (sender = target) is about
   * the device's own address: a peer that answered would be a conflict */
  if (memcmp(a + LWIPSIM_ARP_SPA, zero16, 4) == 0 || memcmp(a + LWIPSIM_ARP_SPA, a + LWIPSIM_ARP_TPA, 4) == 0) {
    return 0;
  }
  if ((e = find(nb, RW_FAM_IP4, a + LWIPSIM_ARP_TPA)) == NULL) {
    struct nb_entry router;
    if (!find_router(nb, a + LWIPSIM_ARP_TPA, &router)) {
      return 0;
    }
    return arp_reply(&router, p->f, out);
  }
  if (e->own) {
    return 0;
  }
  return arp_reply(e, p->f, out);
}

static __attribute__((noinline)) uint32_t answer_ns(const struct lwipsim_neighbours *nb, const struct rw_pkt *p,
                                                    uint8_t *out)
{
  const uint8_t *icmp = p->f + p->l4, *target = icmp + 8;
  const struct nb_entry *e;
  uint8_t *ip = out + LWIPSIM_ETH_HLEN, *na = ip + LWIPSIM_IP6_HLEN;

  uint32_t type, code;

  if (p->proto != LWIPSIM_IPPROTO_ICMPV6 || !rw_has(p, p->l4, 24) || !rw_get8(p, p->l4, &type) ||
      !rw_get8(p, p->l4 + 1, &code) || type != ICMP6_NS || code != 0) {
    return 0;
  }
  /* duplicate address detection (from ::) is about the device's own address */
  if (memcmp(p->f + p->src, zero16, 16) == 0 || memcmp(p->f + p->src, target, 16) == 0) {
    return 0;
  }
  if ((e = find(nb, RW_FAM_IP6, target)) == NULL || e->own) {
    return 0;
  }
  memset(out, 0, LWIPSIM_ETH_HLEN + LWIPSIM_IP6_HLEN + NA_LEN);
  memcpy(out, p->f + 6, 6);
  memcpy(out + 6, e->mac, 6);
  rw_put16(out + 12, LWIPSIM_ETHTYPE_IPV6);
  ip[0] = 0x60;
  rw_put16(ip + 4, NA_LEN);
  ip[6] = LWIPSIM_IPPROTO_ICMPV6;
  ip[7] = 255; /* RFC 4861 7.1.2: anything else is dropped */
  memcpy(ip + 8, e->addr, 16);
  memcpy(ip + 24, p->f + p->src, 16);
  na[0] = ICMP6_NA;
  na[4] = NA_SOLICITED | NA_OVERRIDE;
  memcpy(na + 8, e->addr, 16);
  na[24] = ND_OPT_TARGET_LLADDR;
  na[25] = 1; /* in units of 8 bytes */
  memcpy(na + 26, e->mac, 6);
  lwipsim_frame_fill_checksums(out, LWIPSIM_ETH_HLEN + LWIPSIM_IP6_HLEN + NA_LEN);
  return LWIPSIM_ETH_HLEN + LWIPSIM_IP6_HLEN + NA_LEN;
}

uint32_t lwipsim_neighbours_answer(const struct lwipsim_neighbours *nb, const uint8_t *frame, uint32_t len,
                                   uint8_t *out, enum lwipsim_nb_kind *kind)
{
  struct rw_pkt p;

  rw_parse(&p, frame, len);
  return lwipsim_neighbours_answer_view(nb, &p, out, kind);
}

uint32_t lwipsim_neighbours_answer_view(const struct lwipsim_neighbours *nb, const struct lwipsim_frame_view *v,
                                        uint8_t *out, enum lwipsim_nb_kind *kind)
{
  const struct rw_pkt *p = v; /* read only: no copy */
  uint32_t n = 0;

  *kind = LWIPSIM_NB_NONE;
  if (p->fam == RW_FAM_ARP && (n = answer_arp(nb, p, out)) > 0) {
    *kind = LWIPSIM_NB_ARP;
  } else if (p->fam == RW_FAM_IP6 && (n = answer_ns(nb, p, out)) > 0) {
    *kind = LWIPSIM_NB_ND;
  }
  return n;
}
