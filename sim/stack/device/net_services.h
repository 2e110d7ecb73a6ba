/* Name and time services a firmware starts: lwIP's DNS resolver
 * (dns-server, dns-lookup) and lwIP's SNTP app (sntp-start, sntp-stop), with
 * the profile's own DNS_* and SNTP_* options. */
#ifndef LWIPSIM_DEVICE_NET_SERVICES_H
#define LWIPSIM_DEVICE_NET_SERVICES_H

struct lwipsim_action;

int lwipsim_dns_server(const struct lwipsim_action *a);
int lwipsim_dns_lookup(const struct lwipsim_action *a);
int lwipsim_sntp_start(const struct lwipsim_action *a);
int lwipsim_sntp_stop(void);

#endif
