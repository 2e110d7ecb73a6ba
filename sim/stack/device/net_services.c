#include "stack/device/net_services.h"

#include "lwip/apps/sntp.h"
#include "lwip/dns.h"
#include "lwip/opt.h"
#include "scenario/scenario.h"
#include "stack/state/events.h"

#if LWIP_DNS && LWIP_IPV4

int lwipsim_dns_server(const struct lwipsim_action *a)
{
  ip_addr_t server;
  IP_ADDR4(&server, a->addr[0], a->addr[1], a->addr[2], a->addr[3]);
  dns_setserver(0, &server);
  return 0;
}

static void on_found(const char *name, const ip_addr_t *addr, void *arg)
{
  (void)arg;
  lwipsim_event_add("dns-lookup %s: %s", name, addr != NULL ? ipaddr_ntoa(addr) : "not found");
}

int lwipsim_dns_lookup(const struct lwipsim_action *a)
{
  ip_addr_t addr;
  err_t err = dns_gethostbyname(a->name, &addr, on_found, NULL);
  if (err == ERR_OK) {
    lwipsim_event_add("dns-lookup %s: %s (cached)", a->name, ipaddr_ntoa(&addr));
    return 0;
  }
  if (err == ERR_INPROGRESS) {
    return 0;
  }
  /* ERR_MEM: the table (DNS_TABLE_SIZE) or the request list is full */
  lwipsim_event_add("dns-lookup %s: dns_gethostbyname refused (err %d)", a->name, (int)err);
  return -1;
}

#else

int lwipsim_dns_server(const struct lwipsim_action *a)
{
  (void)a;
  return -1;
}
int lwipsim_dns_lookup(const struct lwipsim_action *a)
{
  (void)a;
  return -1;
}

#endif

#if LWIP_UDP && LWIP_IPV4

static int set_server(const struct lwipsim_action *a)
{
  if (a->name[0] != '\0') {
#if SNTP_SERVER_DNS
    sntp_setservername(0, a->name);
#else
    lwipsim_event_add("sntp-start %s: the profile has SNTP_SERVER_DNS 0, so SNTP takes no server name", a->name);
    return -1;
#endif
  } else {
    ip_addr_t server;
    IP_ADDR4(&server, a->addr[0], a->addr[1], a->addr[2], a->addr[3]);
    sntp_setserver(0, &server);
  }
  return 0;
}

int lwipsim_sntp_start(const struct lwipsim_action *a)
{
  if (sntp_enabled()) {
    sntp_stop();
  }
  sntp_setoperatingmode(SNTP_OPMODE_POLL);
  if (set_server(a) != 0) {
    return -1;
  }
  sntp_init();
#ifdef SNTP_SERVER_ADDRESS
  /* sntp_init() sets server 0 to the header's SNTP_SERVER_ADDRESS (lwIP
   * 2.2.1 sntp.c, sntp_init), over the one set above: set the script's again.
   * Its first request goes out after SNTP_STARTUP_DELAY(_FUNC), so it goes
   * to the script's server; with SNTP_STARTUP_DELAY 0 sntp_init has already
   * sent it to the header's, as that firmware would. */
  set_server(a);
#endif
  return 0;
}

int lwipsim_sntp_stop(void)
{
  sntp_stop();
  return 0;
}

#else

int lwipsim_sntp_start(const struct lwipsim_action *a)
{
  (void)a;
  return -1;
}
int lwipsim_sntp_stop(void) { return -1; }

#endif
