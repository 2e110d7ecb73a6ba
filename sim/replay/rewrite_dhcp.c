/* DHCP with the device as client: server replies carry the captured device's
 * transaction id, which the live stack does not know. Each reply gets the xid
 * of the live stack's latest request of the kind it answers (OFFER: DISCOVER;
 * ACK/NAK: REQUEST or INFORM): lwIP starts a new xid per exchange while other
 * clients keep one for DISCOVER and REQUEST, so pairing requests one by one
 * would not line up. */
#include "replay/rewrite_priv.h"

#include <string.h>

#define BOOTP_REQUEST 1
#define BOOTP_REPLY 2
#define BOOTP_FIXED_LEN 236
#define DHCP_COOKIE 0x63825363u
#define DHCP_OPT_PAD 0
#define DHCP_OPT_END 255
#define DHCP_OPT_MSG_TYPE 53
#define DHCP_OPT_SERVER_ID 54

enum { DHCP_DISCOVER = 1, DHCP_OFFER = 2, DHCP_REQUEST = 3, DHCP_ACK = 5, DHCP_NAK = 6, DHCP_INFORM = 8 };

struct dhcp_msg {
  uint32_t at; /* BOOTP header offset */
  uint8_t op;
  uint32_t xid;
  int type; /* 0: plain BOOTP, or no message type option */
  int for_device;
  int has_sid;
  uint8_t sid[4];
};

static void parse_options(const struct rw_pkt *p, struct dhcp_msg *m)
{
  uint32_t o = m->at + BOOTP_FIXED_LEN + 4, opt;

  while (rw_get8(p, o, &opt) && opt != DHCP_OPT_END) {
    uint32_t len, type;

    if (opt == DHCP_OPT_PAD) {
      o++;
      continue;
    }
    if (!rw_get8(p, o + 1, &len) || !rw_has(p, o + 2, len)) {
      return;
    }
    if (opt == DHCP_OPT_MSG_TYPE && len >= 1 && rw_get8(p, o + 2, &type)) {
      m->type = (int)type;
    } else if (opt == DHCP_OPT_SERVER_ID && len == 4) {
      m->has_sid = 1;
      memcpy(m->sid, p->f + o + 2, 4);
    }
    o += 2 + len;
  }
}

/* Returns 1 for a BOOTP message between the given ports, filling *m. */
static int parse_dhcp(const struct rw_pkt *p, const uint8_t mac[6], uint32_t sport, uint32_t dport, struct dhcp_msg *m)
{
  uint16_t s, d;
  uint32_t op, htype, hlen, cookie;

  if (p->fam != RW_FAM_IP4 || !rw_has(p, p->l4, LWIPSIM_UDP_HLEN) || !rw_get_ports(p, &s, &d) || s != sport ||
      d != dport) {
    return 0;
  }
  memset(m, 0, sizeof(*m));
  m->at = p->l4 + LWIPSIM_UDP_HLEN;
  if (!rw_has(p, m->at, BOOTP_FIXED_LEN) || !rw_get8(p, m->at, &op) || !rw_get8(p, m->at + 1, &htype) ||
      !rw_get8(p, m->at + 2, &hlen) || !rw_get32(p, m->at + 4, &m->xid)) {
    return 1; /* DHCP ports, but too short to be one: left as it is */
  }
  m->op = (uint8_t)op;
  /* htype Ethernet, hlen 6, chaddr the device */
  m->for_device = htype == LWIPSIM_ARP_HTYPE_ETH && hlen == LWIPSIM_ETH_ALEN && memcmp(p->f + m->at + 28, mac, 6) == 0;
  if (rw_get32(p, m->at + BOOTP_FIXED_LEN, &cookie) && cookie == DHCP_COOKIE) {
    parse_options(p, m);
  }
  return 1;
}

int rw_dhcp_type(const struct rw_pkt *p, const uint8_t mac[6])
{
  struct dhcp_msg m;

  if (!parse_dhcp(p, mac, LWIPSIM_PORT_DHCP_CLIENT, LWIPSIM_PORT_DHCP_SERVER, &m) &&
      !parse_dhcp(p, mac, LWIPSIM_PORT_DHCP_SERVER, LWIPSIM_PORT_DHCP_CLIENT, &m)) {
    return -1;
  }
  return m.type;
}

static void learn_captured(struct rw_dhcp *d, const struct dhcp_msg *m)
{
  unsigned n = d->n_cap < RW_DHCP_XIDS ? d->n_cap : RW_DHCP_XIDS;

  for (unsigned i = 0; i < n; i++) {
    if (d->cap_xid[i] == m->xid) {
      d->cap_mask[i] |= (uint16_t)(1u << m->type);
      d->cap_last[i] = (uint8_t)m->type;
      return;
    }
  }
  n = d->n_cap++ % RW_DHCP_XIDS;
  d->cap_xid[n] = m->xid;
  d->cap_mask[n] = (uint16_t)(1u << m->type);
  d->cap_last[n] = (uint8_t)m->type;
}

int rw_dhcp_learn(struct lwipsim_rewriter *rw, const struct rw_pkt *p, int side)
{
  struct dhcp_msg m;

  if (!parse_dhcp(p, rw->mac, LWIPSIM_PORT_DHCP_CLIENT, LWIPSIM_PORT_DHCP_SERVER, &m)) {
    return 0;
  }
  if (m.op != BOOTP_REQUEST || !m.for_device || m.type < 0 || m.type > 8) {
    return 1;
  }
  if (side == RW_SIDE_CAPTURED) {
    learn_captured(&rw->dhcp, &m);
  } else {
    rw->dhcp.live_xid[m.type] = m.xid;
    rw->dhcp.has_live_xid[m.type] = 1;
  }
  return 1;
}

/* Which live request a reply answers, -1 if the captured device sent no such xid. */
static int answered_type(const struct rw_dhcp *d, const struct dhcp_msg *m)
{
  unsigned n = d->n_cap < RW_DHCP_XIDS ? d->n_cap : RW_DHCP_XIDS;

  for (unsigned i = 0; i < n; i++) {
    if (d->cap_xid[i] != m->xid) {
      continue;
    }
    if (m->type == DHCP_OFFER) {
      return DHCP_DISCOVER;
    }
    if ((m->type == DHCP_ACK || m->type == DHCP_NAK) && (d->cap_mask[i] & (1u << DHCP_INFORM)) &&
        !(d->cap_mask[i] & (1u << DHCP_REQUEST))) {
      return DHCP_INFORM;
    }
    if (m->type == DHCP_ACK || m->type == DHCP_NAK) {
      return DHCP_REQUEST;
    }
    return d->cap_last[i];
  }
  return -1;
}

int rw_dhcp_inbound(struct lwipsim_rewriter *rw, struct rw_pkt *p, int *verdict)
{
  struct rw_dhcp *d = &rw->dhcp;
  struct dhcp_msg m;
  int want;

  if (!parse_dhcp(p, rw->mac, LWIPSIM_PORT_DHCP_SERVER, LWIPSIM_PORT_DHCP_CLIENT, &m)) {
    return 0;
  }
  *verdict = RW_INJECT;
  if (m.op != BOOTP_REPLY || !m.for_device) {
    return 1; /* another client's, or not a reply: lwIP drops or ignores it as the device did */
  }
  if ((want = answered_type(d, &m)) < 0) {
    *verdict = LWIPSIM_DIV_DHCP_UNKNOWN_XID;
    return 1;
  }
  if (want > 8 || !d->has_live_xid[want]) {
    *verdict = LWIPSIM_DIV_DHCP_NO_LIVE_XID;
    return 1;
  }
  if (m.type == DHCP_OFFER && m.has_sid) {
    memcpy(d->server_id, m.sid, 4);
    d->has_server_id = 1;
  }
  rw_patch_l4_32(p, m.at + 4, d->live_xid[want]);
  rw_patch_l4(p, m.at + 28, rw->mac, 6);
  return 1;
}
