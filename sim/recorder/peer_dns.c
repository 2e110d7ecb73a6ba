/* lwipsim record: DNS from dnsmasq. The recorder's dnsmasq already serves
 * DHCP on the TAP; for a script that resolves names it also answers DNS, from
 * host records only (no upstream, not /etc/hosts), so the device's lookups
 * get the same answers on every machine. */
#include "recorder/peer_dns.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "recorder/peers.h"
#include "recorder/recording.h"

static void add(struct lwipsim_peer_dns_args *a, const char *text)
{
  snprintf(a->text[a->n], sizeof a->text[a->n], "%s", text);
  a->argv[a->n] = a->text[a->n];
  a->n++;
}

void lwipsim_peer_dns_args(const struct lwipsim_recording *rec, struct lwipsim_peer_dns_args *a)
{
  const struct lwipsim_peer_services *sv = &rec->services;
  char opt[200];
  a->n = 0;
  if (sv->n_dns_names == 0) {
    add(a, "--port=0");
    return;
  }
  add(a, "--no-resolv");
  add(a, "--no-hosts");
  add(a, "--log-queries");
  for (size_t i = 0; i < sv->n_dns_names; i++) {
    snprintf(opt, sizeof opt, "--host-record=%s,%s", sv->dns_names[i], rec->peer_ip);
    add(a, opt);
  }
  /* dnsmasq hands itself out as the DNS server when DNS is on; said
   * explicitly, since the device's lookups depend on it (lwIP takes DHCP's
   * servers with LWIP_DHCP_PROVIDE_DNS_SERVERS, on by default with DNS). */
  snprintf(opt, sizeof opt, "--dhcp-option=option:dns-server,%s", rec->peer_ip);
  add(a, opt);
}

/* dnsmasq's --log-queries lines: "query[A] NAME from ADDR", then "config NAME
 * is ADDR" when a host record answered it. */
void lwipsim_peer_dns_collect(struct lwipsim_recording *rec)
{
  char path[PATH_MAX + 32];
  snprintf(path, sizeof path, "%s/dnsmasq.log", rec->work);
  rec->services.dns_queries = lwipsim_peers_count_lines(path, ": query[", 1);
  rec->services.dns_answered = lwipsim_peers_count_lines(path, ": config ", 1);
}
