/* Per-pool dispatch and the PCB, group and reassembly bounds. SYS_TIMEOUT is
 * in bounds_sys_timeout.c. Line numbers are lwIP 2.2.1 unless said. */
#include "analysis/bounds.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/bounds_priv.h"

void lwipsim_bound_term(struct lwipsim_bound *b, long long count, const char *fmt, ...)
{
  if (count <= 0 || b->n_terms == LWIPSIM_BOUND_TERMS) {
    return;
  }
  struct lwipsim_bound_term *t = &b->terms[b->n_terms++];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(t->what, sizeof t->what, fmt, ap);
  va_end(ap);
  t->count = (uint32_t)count;
  b->value += (uint32_t)count;
}

long long lwipsim_bound_opt(const struct lwipsim_bound_input *in, const char *name, long long fallback)
{
  return lwipsim_option_get(in->options, in->n_options, name, fallback);
}

int lwipsim_bound_version(const char *v)
{
  char *end;
  long major = strtol(v, &end, 10);
  if (*end != '.') {
    return -1;
  }
  long minor = strtol(end + 1, &end, 10);
  if (*end != '.' && *end != '\0') {
    return -1;
  }
  return (int)(major * 100 + minor);
}

#define OPT(name, fallback) lwipsim_bound_opt(in, name, fallback)

/* Only the device's own code opens UDP PCBs; peers cannot. */
static int bound_udp_pcb(const struct lwipsim_bound_input *in, struct lwipsim_bound *b)
{
  const struct lwipsim_script_summary *s = in->script;
  lwipsim_bound_term(b, OPT("LWIP_IPV4", 1) && OPT("LWIP_DHCP", 0) && s->dhcp,
                     "DHCP client's dhcp_pcb, shared by every netif (dhcp.c:279)");
  /* dns.c:332-334: one PCB at dns_init unless source ports are randomised
   * (LWIP_DNS_SECURE_RAND_SRC_PORT = 4, opt.h:1195), which opens them per
   * query; the script makes no queries. */
  lwipsim_bound_term(b, OPT("LWIP_DNS", 0) && (OPT("LWIP_DNS_SECURE", 7) & 4) == 0,
                     "DNS client's pcb from dns_init (LWIP_DNS_SECURE without RAND_SRC_PORT, dns.c:332)");
  lwipsim_bound_term(b, OPT("LWIP_MDNS_RESPONDER", 0) && s->mdns_netifs,
                     "mDNS responder's pcb from mdns_resp_init, kept across removals (mdns.c:2820)");
  lwipsim_bound_term(b, OPT("LWIP_UDP", 1) && s->sntp, "SNTP client's pcb from sntp_init (sntp.c:711)");
  lwipsim_bound_term(b, OPT("LWIP_UDP", 1) ? s->udp_listeners : 0, "udp-listen sockets open at once");
  lwipsim_bound_term(b, OPT("LWIP_UDP", 1) ? s->udp_senders : 0,
                     "udp-send sockets: one long-lived PCB per script line");
  if (!s->sntp && !s->udp_listeners && !s->udp_senders && !s->dns_lookups) {
    snprintf(b->basis, sizeof b->basis,
             "only the device opens UDP PCBs: one per client the script starts (DHCP, mDNS) plus DNS's own; "
             "the script runs no DNS lookups, SNTP or DHCPv6");
  } else if ((OPT("LWIP_DNS_SECURE", 7) & 4) != 0 && s->dns_lookups) {
    return 0; /* randomised source ports: a PCB per query in flight, as many as peers are slow */
  } else {
    snprintf(b->basis, sizeof b->basis,
             "only the device opens UDP PCBs: one per client the script starts (DHCP, mDNS, SNTP) and per "
             "socket it opens, plus DNS's own (fixed source port)");
  }
  return 1;
}

static int bound_tcp_pcb_listen(const struct lwipsim_bound_input *in, struct lwipsim_bound *b)
{
  lwipsim_bound_term(b, OPT("LWIP_TCP", 0) && in->script->http_listen,
                     "the HTTP server's listener (closed before a reload opens it again)");
  snprintf(b->basis, sizeof b->basis, "one listener per http-listen; tcp_close frees a listener at once");
  return 1;
}

/* With a listener, how many clients are connected (and then in TIME_WAIT
 * for 2*TCP_MSL) is the peers' choice: lwIP bounds it only by the pool. */
static int bound_tcp_pcb(const struct lwipsim_bound_input *in, struct lwipsim_bound *b)
{
  /* an "on EVENT" connection opens as often as DHCP rebinds or the link
   * returns, which the traffic decides */
  if (in->script->http_listen || in->script->event_connections) {
    return 0;
  }
  lwipsim_bound_term(b, OPT("LWIP_TCP", 0) ? in->script->tcp_connects : 0,
                     "tcp-connect actions: one PCB each, held until closed and through TIME_WAIT");
  lwipsim_bound_term(b, OPT("LWIP_TCP", 0) ? in->script->http_gets : 0,
                     "http-get connections: one PCB each, closed by the device and held through TIME_WAIT");
  /* mqtt.c:1395 takes one PCB per mqtt_client_connect; mqtt_close (:547)
   * closes it from the device's side, so it waits in TIME_WAIT */
  lwipsim_bound_term(b, OPT("LWIP_TCP", 0) ? in->script->mqtt_connects : 0,
                     "mqtt-connect connections: one PCB each (mqtt.c:1395), held through TIME_WAIT after a close");
  snprintf(b->basis, sizeof b->basis, "no listener, so peers cannot open connections; each %s takes one PCB",
           in->script->http_gets || in->script->mqtt_connects ? "tcp-connect, http-get and mqtt-connect"
                                                              : "tcp-connect");
  return 1;
}

static int bound_igmp_group(const struct lwipsim_bound_input *in, struct lwipsim_bound *b)
{
  if (!OPT("LWIP_IPV4", 1) || !OPT("LWIP_IGMP", 0)) {
    return 0;
  }
  /* each netif has its own group list (netif_igmp_data): igmp_start at
   * netif_add (netif.c:436-437) joins all-systems on it, igmp_stop at
   * netif_remove (netif.c:785) frees them all */
  uint32_t netifs = in->script->interfaces ? in->script->interfaces : 1;
  lwipsim_bound_term(b, netifs, "224.0.0.1 (all systems), joined by igmp_start when each of %u netif%s is added",
                     netifs, netifs == 1 ? "" : "s");
  lwipsim_bound_term(
      b, OPT("LWIP_MDNS_RESPONDER", 0) ? in->script->mdns_netifs : 0,
      "224.0.0.251, joined by mdns_resp_add_netif on each mDNS netif and left by mdns_resp_remove_netif");
  lwipsim_bound_term(b, in->script->igmp_groups, "igmp-join groups joined at once");
  snprintf(b->basis, sizeof b->basis,
           "only the device joins groups: all-systems per netif plus mDNS's group per mDNS netif");
  return 1;
}

/* ip4_frag.c:536-548 (ip6_frag.c:388-391 for IPv6): a fragment is refused
 * unless ip_reass_pbufcount + its pbufs <= IP_REASS_MAX_PBUFS, and a
 * datagram whose first fragment is refused is freed, so each reassdata holds
 * at least one of those pbufs. */
static int bound_reassdata(const struct lwipsim_bound_input *in, struct lwipsim_bound *b, const char *ip_opt,
                           const char *reass_opt)
{
  if (!OPT(ip_opt, 0) || !OPT(reass_opt, 0)) {
    return 0;
  }
  lwipsim_bound_term(b, OPT("IP_REASS_MAX_PBUFS", 10), "datagrams in reassembly (IP_REASS_MAX_PBUFS)");
  snprintf(b->basis, sizeof b->basis,
           "every datagram in reassembly holds at least one of the IP_REASS_MAX_PBUFS pbufs lwIP lets it queue");
  return 1;
}

int lwipsim_bound_pool(const char *pool, const struct lwipsim_bound_input *in, struct lwipsim_bound *out)
{
  memset(out, 0, sizeof *out);
  out->reloads = -1;
  int bounded = 0;
  if (strcmp(pool, "SYS_TIMEOUT") == 0) {
    bounded = lwipsim_bound_sys_timeout(in, out);
  } else if (strcmp(pool, "UDP_PCB") == 0) {
    bounded = bound_udp_pcb(in, out);
  } else if (strcmp(pool, "TCP_PCB_LISTEN") == 0) {
    bounded = bound_tcp_pcb_listen(in, out);
  } else if (strcmp(pool, "TCP_PCB") == 0) {
    bounded = bound_tcp_pcb(in, out);
  } else if (strcmp(pool, "IGMP_GROUP") == 0) {
    bounded = bound_igmp_group(in, out);
  } else if (strcmp(pool, "REASSDATA") == 0) {
    bounded = bound_reassdata(in, out, "LWIP_IPV4", "IP_REASSEMBLY");
  } else if (strcmp(pool, "IP6_REASSDATA") == 0) {
    bounded = bound_reassdata(in, out, "LWIP_IPV6", "LWIP_IPV6_REASS");
  }
  if (!bounded) {
    memset(out, 0, sizeof *out);
    out->reloads = -1;
  }
  out->bounded = bounded;
  return bounded;
}

size_t lwipsim_bound_all(const struct lwipsim_bound_input *in, struct lwipsim_worst_case *out, size_t max)
{
  static const char *const pools[] = { "SYS_TIMEOUT", "UDP_PCB",   "TCP_PCB_LISTEN", "TCP_PCB",
                                       "IGMP_GROUP",  "REASSDATA", "IP6_REASSDATA" };
  size_t n = 0;
  for (size_t i = 0; i < sizeof pools / sizeof pools[0] && n < max; i++) {
    out[n].pool = pools[i];
    if (lwipsim_bound_pool(pools[i], in, &out[n].bound)) {
      n++;
    }
  }
  return n;
}
