/* Values and actions of scenario files: times, MACs, addresses and the
 * [script] actions with their arguments (docs/scenario-format.md). Kept apart
 * from scenario.c, which handles the file, its sections and keys. */
#include "scenario/scenario_action.h"
#include "scenario/scenario.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define MAX_ARGS 8

/* Where an action parser puts its one-line complaint. */
struct msgbuf {
  char *text;
  size_t len;
};

static int bad(struct msgbuf *e, const char *fmt, ...)
{
  va_list ap;

  if (e->text != NULL && e->len > 0) {
    va_start(ap, fmt);
    vsnprintf(e->text, e->len, fmt, ap);
    va_end(ap);
  }
  return 0;
}

static const char *const action_names[] = {
  [LWIPSIM_ACT_NETIF_UP] = "netif-up",
  [LWIPSIM_ACT_NETIF_DOWN] = "netif-down",
  [LWIPSIM_ACT_STATIC] = "static",
  [LWIPSIM_ACT_DHCP] = "dhcp",
  [LWIPSIM_ACT_IPV6_LINKLOCAL] = "ipv6-linklocal",
  [LWIPSIM_ACT_MDNS_START] = "mdns-start",
  [LWIPSIM_ACT_MDNS_STOP] = "mdns-stop",
  [LWIPSIM_ACT_HTTP_LISTEN] = "http-listen",
  [LWIPSIM_ACT_HTTP_CLOSE] = "http-close",
  [LWIPSIM_ACT_RELOAD] = "reload",
  [LWIPSIM_ACT_TCP_CONNECT] = "tcp-connect",
  [LWIPSIM_ACT_LINK_DOWN] = "link-down",
  [LWIPSIM_ACT_LINK_UP] = "link-up",
  [LWIPSIM_ACT_UDP_LISTEN] = "udp-listen",
  [LWIPSIM_ACT_UDP_CLOSE] = "udp-close",
  [LWIPSIM_ACT_UDP_SEND] = "udp-send",
  [LWIPSIM_ACT_IGMP_JOIN] = "igmp-join",
  [LWIPSIM_ACT_IGMP_LEAVE] = "igmp-leave",
  [LWIPSIM_ACT_DNS_SERVER] = "dns-server",
  [LWIPSIM_ACT_DNS_LOOKUP] = "dns-lookup",
  [LWIPSIM_ACT_SNTP_START] = "sntp-start",
  [LWIPSIM_ACT_SNTP_STOP] = "sntp-stop",
  [LWIPSIM_ACT_HTTP_GET] = "http-get",
};
#define N_ACTIONS (sizeof(action_names) / sizeof(action_names[0]))

const char *lwipsim_action_name(enum lwipsim_action_kind kind)
{
  if ((size_t)kind >= N_ACTIONS || action_names[kind] == NULL) {
    return "?";
  }
  return action_names[kind];
}

/* ---- value parsers ---- */

static int hex_digit(char ch)
{
  if (ch >= '0' && ch <= '9') {
    return ch - '0';
  }
  ch = (char)tolower((unsigned char)ch);
  return (ch >= 'a' && ch <= 'f') ? ch - 'a' + 10 : -1;
}

int lwipsim_parse_mac(const char *s, uint8_t mac[6])
{
  int i;

  if (s == NULL || strlen(s) != 17) {
    return -1;
  }
  for (i = 0; i < 6; i++) {
    int hi = hex_digit(s[i * 3]);
    int lo = hex_digit(s[i * 3 + 1]);

    if (hi < 0 || lo < 0 || (i < 5 && s[i * 3 + 2] != ':')) {
      return -1;
    }
    mac[i] = (uint8_t)(hi * 16 + lo);
  }
  return 0;
}

/* Unsigned decimal, digits only (no sign, no spaces), at most max. */
int lwipsim_scenario_parse_uint(const char *s, uint64_t max, uint64_t *out)
{
  uint64_t v = 0;

  if (s == NULL || *s == '\0') {
    return -1;
  }
  for (; *s != '\0'; s++) {
    if (!isdigit((unsigned char)*s)) {
      return -1;
    }
    if (v > (max - (uint64_t)(*s - '0')) / 10) {
      return -1;
    }
    v = v * 10 + (uint64_t)(*s - '0');
  }
  *out = v;
  return 0;
}

int lwipsim_parse_duration_ms(const char *s, uint64_t *ms)
{
  uint64_t whole = 0, frac = 0, unit, scale = 1;
  int frac_digits = 0;
  const char *p = s;

  if (s == NULL || !isdigit((unsigned char)*p)) {
    return -1;
  }
  for (; isdigit((unsigned char)*p); p++) {
    if (whole > (UINT64_MAX / 10) - 10) {
      return -1;
    }
    whole = whole * 10 + (uint64_t)(*p - '0');
  }
  if (*p == '.') {
    for (p++; isdigit((unsigned char)*p); p++) {
      if (++frac_digits > 3) {
        return -1; /* below a millisecond: virtual time has no such resolution */
      }
      frac = frac * 10 + (uint64_t)(*p - '0');
      scale *= 10;
    }
    if (frac_digits == 0) {
      return -1;
    }
  }
  if (strcmp(p, "ms") == 0) {
    unit = 1;
  } else if (strcmp(p, "s") == 0) {
    unit = 1000;
  } else if (strcmp(p, "min") == 0) {
    unit = 60000;
  } else {
    return -1;
  }
  if (frac_digits > 0 && unit == 1) {
    return -1;
  }
  if (whole > (UINT64_MAX - unit) / unit) {
    return -1;
  }
  /* exact: unit is a multiple of 1000/scale for s and min, so no rounding */
  *ms = whole * unit + frac * unit / scale;
  /* every time the engine keeps in microseconds must fit with room to add */
  return *ms > LWIPSIM_TIME_MAX_MS ? -2 : 0;
}

/* Strict dotted quad: four decimal parts 0..255, nothing else. */
static int parse_ipv4(const char *s, uint8_t addr[4])
{
  int i;

  for (i = 0; i < 4; i++) {
    unsigned v = 0;
    int digits = 0;

    while (isdigit((unsigned char)*s) && digits < 4) {
      v = v * 10 + (unsigned)(*s++ - '0');
      digits++;
    }
    if (digits == 0 || digits > 3 || v > 255) {
      return -1;
    }
    addr[i] = (uint8_t)v;
    if (i < 3 && *s++ != '.') {
      return -1;
    }
  }
  return *s == '\0' ? 0 : -1;
}

static int parse_port(const char *s, uint16_t *port)
{
  uint64_t v;

  if (lwipsim_scenario_parse_uint(s, 65535, &v) != 0 || v == 0) {
    return -1;
  }
  *port = (uint16_t)v;
  return 0;
}

/* ---- actions ---- */

struct args {
  int n;
  char *v[MAX_ARGS];
  size_t off[MAX_ARGS]; /* where each argument starts in the original value */
  char buf[256];
};

/* Splits value on blanks; -1 when there are more than MAX_ARGS words. */
static int split_args(const char *value, struct args *a)
{
  char *p;

  a->n = 0;
  if (snprintf(a->buf, sizeof(a->buf), "%s", value) >= (int)sizeof(a->buf)) {
    return -1;
  }
  for (p = a->buf; *p != '\0';) {
    while (isspace((unsigned char)*p)) {
      *p++ = '\0';
    }
    if (*p == '\0') {
      break;
    }
    if (a->n == MAX_ARGS) {
      return -1;
    }
    a->off[a->n] = (size_t)(p - a->buf);
    a->v[a->n++] = p;
    while (*p != '\0' && !isspace((unsigned char)*p)) {
      p++;
    }
  }
  return 0;
}

static int parse_static(struct msgbuf *e, const struct args *a, struct lwipsim_action *act)
{
  const char *usage = "write 'static A.B.C.D/PREFIX' or 'static A.B.C.D/PREFIX gw A.B.C.D'";
  char addr[32];
  char *slash;
  uint64_t prefix;

  if (a->n != 2 && a->n != 4) {
    return bad(e, "static takes an address and optionally a gateway; %s", usage);
  }
  snprintf(addr, sizeof(addr), "%s", a->v[1]);
  slash = strchr(addr, '/');
  if (slash == NULL) {
    return bad(e, "static: '%s' has no /PREFIX; %s", a->v[1], usage);
  }
  *slash = '\0';
  if (parse_ipv4(addr, act->addr) != 0) {
    return bad(e, "static: bad IPv4 address '%s'; %s", addr, usage);
  }
  if (lwipsim_scenario_parse_uint(slash + 1, 32, &prefix) != 0) {
    return bad(e, "static: bad prefix length '%s' (0 to 32); %s", slash + 1, usage);
  }
  act->prefix_len = (uint8_t)prefix;
  if (a->n == 4) {
    if (strcmp(a->v[2], "gw") != 0) {
      return bad(e, "static: expected 'gw' but found '%s'; %s", a->v[2], usage);
    }
    if (parse_ipv4(a->v[3], act->gw) != 0) {
      return bad(e, "static: bad gateway address '%s'; %s", a->v[3], usage);
    }
  }
  return 1;
}

static int valid_hostname(const char *s)
{
  for (; *s != '\0'; s++) {
    if (!isalnum((unsigned char)*s) && *s != '-') {
      return 0;
    }
  }
  return 1;
}

/* "_http._tcp" -> "_http", udp flag. */
static int parse_service(struct msgbuf *e, const char *s, struct lwipsim_action *act)
{
  size_t n = strlen(s);

  if (n < 6 || s[0] != '_' || (strcmp(s + n - 5, "._tcp") != 0 && strcmp(s + n - 5, "._udp") != 0)) {
    return bad(e, "mdns-start: bad service '%s'; write it as _NAME._tcp or _NAME._udp, e.g. _http._tcp", s);
  }
  if (n - 5 >= sizeof(act->service)) {
    return bad(e, "mdns-start: service name '%s' is too long (at most %zu characters before ._tcp)", s,
               sizeof(act->service) - 1);
  }
  memcpy(act->service, s, n - 5);
  act->service[n - 5] = '\0';
  act->service_is_udp = strcmp(s + n - 5, "._udp") == 0;
  return 1;
}

static int parse_mdns_start(struct msgbuf *e, const char *value, const struct args *a, struct lwipsim_action *act)
{
  size_t hlen;

  if (a->n < 2 || a->n == 3) {
    return bad(e, "mdns-start needs a host name, and a port after a service; "
                  "write 'mdns-start HOSTNAME [_SERVICE._tcp|_udp PORT [INSTANCE]]'");
  }
  hlen = strlen(a->v[1]);
  if (hlen >= sizeof(act->hostname)) {
    return bad(e, "mdns-start: hostname '%.20s...' is too long (%zu characters; at most %zu)", a->v[1], hlen,
               sizeof(act->hostname) - 1);
  }
  if (!valid_hostname(a->v[1])) {
    return bad(e, "mdns-start: hostname '%s' may only have letters, digits and '-'", a->v[1]);
  }
  memcpy(act->hostname, a->v[1], hlen + 1);
  memcpy(act->instance, a->v[1], hlen + 1);
  if (a->n == 2) {
    return 1;
  }
  if (!parse_service(e, a->v[2], act)) {
    return 0;
  }
  if (parse_port(a->v[3], &act->port) != 0) {
    return bad(e, "mdns-start: bad port '%s' (1 to 65535)", a->v[3]);
  }
  if (a->n > 4) {
    /* the instance is the rest of the line: DNS-SD instance names may have spaces */
    const char *inst = value + a->off[4];

    if (strlen(inst) >= sizeof(act->instance)) {
      return bad(e, "mdns-start: instance name is %zu characters; at most %zu", strlen(inst),
                 sizeof(act->instance) - 1);
    }
    snprintf(act->instance, sizeof(act->instance), "%s", inst);
  }
  return 1;
}

static int parse_tcp_connect(struct msgbuf *e, const struct args *a, struct lwipsim_action *act)
{
  char addr[32];
  char *colon;

  if (a->n != 2 || snprintf(addr, sizeof(addr), "%s", a->v[1]) >= (int)sizeof(addr) ||
      (colon = strchr(addr, ':')) == NULL) {
    return bad(e, "tcp-connect needs one A.B.C.D:PORT argument, e.g. 'tcp-connect 10.77.0.1:80'");
  }
  *colon = '\0';
  if (parse_ipv4(addr, act->addr) != 0) {
    return bad(e, "tcp-connect: bad IPv4 address '%s'", addr);
  }
  if (parse_port(colon + 1, &act->port) != 0) {
    return bad(e, "tcp-connect: bad port '%s' (1 to 65535)", colon + 1);
  }
  return 1;
}

/* "A.B.C.D:PORT" into act->addr and act->port; rest (may be NULL) gets what
 * follows the port after a '/' (http-get's path). */
static int parse_host_port(struct msgbuf *e, const char *what, const char *s, struct lwipsim_action *act, char *rest,
                           size_t restlen, const char *usage)
{
  char buf[192];
  if (snprintf(buf, sizeof(buf), "%s", s) >= (int)sizeof(buf)) {
    return bad(e, "%s: '%.40s...' is too long; %s", what, s, usage);
  }
  char *colon = strchr(buf, ':');
  if (colon == NULL) {
    return bad(e, "%s: '%s' has no :PORT; %s", what, s, usage);
  }
  *colon = '\0';
  if (parse_ipv4(buf, act->addr) != 0) {
    return bad(e, "%s: bad IPv4 address '%s'; %s", what, buf, usage);
  }
  char *port = colon + 1, *slash = strchr(port, '/');
  if (rest != NULL) {
    if (slash == NULL) {
      return bad(e, "%s: '%s' has no /PATH; %s", what, s, usage);
    }
    if (snprintf(rest, restlen, "%s", slash) >= (int)restlen) {
      return bad(e, "%s: path '%s' is too long (at most %zu characters); %s", what, slash, restlen - 1, usage);
    }
    *slash = '\0';
  }
  if (parse_port(port, &act->port) != 0) {
    return bad(e, "%s: bad port '%s' (1 to 65535); %s", what, port, usage);
  }
  return 1;
}

/* The optional "every DURATION" at a->v[at]: 1 when absent or well formed. */
static int parse_every(struct msgbuf *e, const struct args *a, int at, struct lwipsim_action *act, const char *usage)
{
  if (a->n == at) {
    return 1;
  }
  if (a->n != at + 2 || strcmp(a->v[at], "every") != 0) {
    return bad(e, "%s: unexpected '%s'; %s", a->v[0], a->v[at], usage);
  }
  if (lwipsim_parse_duration_ms(a->v[at + 1], &act->every_ms) != 0 || act->every_ms == 0) {
    return bad(e, "%s: bad interval '%s' (more than 0, e.g. '5s' or '500ms'); %s", a->v[0], a->v[at + 1], usage);
  }
  return 1;
}

/* A DNS host name: letters, digits, '-' and '.', at most 127 characters. */
static int parse_dns_name(struct msgbuf *e, const char *what, const char *s, struct lwipsim_action *act)
{
  if (strlen(s) >= sizeof(act->name)) {
    return bad(e, "%s: name '%.20s...' is too long (at most %zu characters)", what, s, sizeof(act->name) - 1);
  }
  for (const char *p = s; *p != '\0'; p++) {
    if (!isalnum((unsigned char)*p) && *p != '-' && *p != '.') {
      return bad(e, "%s: '%s' is not a host name (letters, digits, '-' and '.')", what, s);
    }
  }
  snprintf(act->name, sizeof(act->name), "%s", s);
  return 1;
}

static int parse_udp_send(struct msgbuf *e, const struct args *a, struct lwipsim_action *act)
{
  const char *usage =
      "write 'udp-send A.B.C.D:PORT BYTES [every DURATION]', e.g. 'udp-send 10.77.0.1:514 120 every 5s'";
  uint64_t bytes;
  if (a->n < 3) {
    return bad(e, "udp-send needs a destination and a size; %s", usage);
  }
  if (!parse_host_port(e, "udp-send", a->v[1], act, NULL, 0, usage)) {
    return 0;
  }
  /* 1472: the UDP payload of one 1500-byte Ethernet frame; more would
   * fragment, which is its own pool question (IP_FRAG) */
  if (lwipsim_scenario_parse_uint(a->v[2], 1472, &bytes) != 0) {
    return bad(e, "udp-send: bad size '%s' (0 to 1472 bytes); %s", a->v[2], usage);
  }
  act->bytes = (uint32_t)bytes;
  return parse_every(e, a, 3, act, usage);
}

static int parse_http_get(struct msgbuf *e, const struct args *a, struct lwipsim_action *act)
{
  const char *usage =
      "write 'http-get A.B.C.D:PORT/PATH [every DURATION]', e.g. 'http-get 10.77.0.1:80/status every 5s'";
  if (a->n < 2) {
    return bad(e, "http-get needs a URL; %s", usage);
  }
  if (!parse_host_port(e, "http-get", a->v[1], act, act->name, sizeof(act->name), usage)) {
    return 0;
  }
  return parse_every(e, a, 2, act, usage);
}

static int parse_group(struct msgbuf *e, const struct args *a, struct lwipsim_action *act)
{
  if (a->n != 2 || parse_ipv4(a->v[1], act->addr) != 0) {
    return bad(e, "%s takes one IPv4 multicast group, e.g. '%s 239.255.0.1'", a->v[0], a->v[0]);
  }
  if (act->addr[0] < 224 || act->addr[0] > 239) {
    return bad(e, "%s: %s is not a multicast group (224.0.0.0 to 239.255.255.255)", a->v[0], a->v[1]);
  }
  return 1;
}

static int parse_http_listen(struct msgbuf *e, const struct args *a, struct lwipsim_action *act)
{
  const char *usage = "write 'http-listen PORT [page BYTES] [keepalive] [retry]', e.g. 'http-listen 80 page 3851'";
  uint64_t bytes;
  if (a->n < 2 || parse_port(a->v[1], &act->port) != 0) {
    return bad(e, "http-listen takes a port (1 to 65535); %s", usage);
  }
  for (int i = 2; i < a->n; i++) {
    if (strcmp(a->v[i], "page") == 0 && i + 1 < a->n) {
      /* one tcp_write: lwIP takes at most 65535 bytes at once */
      if (lwipsim_scenario_parse_uint(a->v[i + 1], 65535, &bytes) != 0 || bytes == 0) {
        return bad(e, "http-listen: bad page size '%s' (1 to 65535 bytes); %s", a->v[i + 1], usage);
      }
      act->page_bytes = (uint32_t)bytes;
      i++;
    } else if (strcmp(a->v[i], "keepalive") == 0) {
      act->keepalive = 1;
    } else if (strcmp(a->v[i], "retry") == 0) {
      act->retry_on_mem = 1;
    } else {
      return bad(e, "http-listen: unexpected '%s' after the port; %s", a->v[i], usage);
    }
  }
  return 1;
}

/* Arguments after the action word; returns 1, or 0 after fail(). */
static int parse_action_args(struct msgbuf *e, const char *value, const struct args *a, struct lwipsim_action *act)
{
  switch (act->kind) {
  case LWIPSIM_ACT_STATIC: return parse_static(e, a, act);
  case LWIPSIM_ACT_IPV6_LINKLOCAL:
    if (a->n != 2 || (strcmp(a->v[1], "on") != 0 && strcmp(a->v[1], "off") != 0)) {
      return bad(e, "ipv6-linklocal takes 'on' or 'off'");
    }
    act->on = strcmp(a->v[1], "on") == 0;
    return 1;
  case LWIPSIM_ACT_MDNS_START: return parse_mdns_start(e, value, a, act);
  case LWIPSIM_ACT_HTTP_LISTEN: return parse_http_listen(e, a, act);
  case LWIPSIM_ACT_TCP_CONNECT: return parse_tcp_connect(e, a, act);
  case LWIPSIM_ACT_UDP_LISTEN:
  case LWIPSIM_ACT_UDP_CLOSE:
    if (a->n != 2 || parse_port(a->v[1], &act->port) != 0) {
      return bad(e, "%s takes one port (1 to 65535), e.g. '%s 5000'", a->v[0], a->v[0]);
    }
    return 1;
  case LWIPSIM_ACT_UDP_SEND: return parse_udp_send(e, a, act);
  case LWIPSIM_ACT_IGMP_JOIN:
  case LWIPSIM_ACT_IGMP_LEAVE: return parse_group(e, a, act);
  case LWIPSIM_ACT_DNS_SERVER:
    if (a->n != 2 || parse_ipv4(a->v[1], act->addr) != 0) {
      return bad(e, "dns-server takes one IPv4 address, e.g. 'dns-server 10.77.0.1'");
    }
    return 1;
  case LWIPSIM_ACT_DNS_LOOKUP:
    if (a->n < 2) {
      return bad(e, "dns-lookup needs a host name; write 'dns-lookup NAME [every DURATION]'");
    }
    return parse_dns_name(e, "dns-lookup", a->v[1], act) &&
           parse_every(e, a, 2, act, "write 'dns-lookup NAME [every DURATION]'");
  case LWIPSIM_ACT_SNTP_START:
    if (a->n != 2) {
      return bad(e, "sntp-start takes one server, an IPv4 address or a host name, e.g. 'sntp-start 10.77.0.1'");
    }
    if (parse_ipv4(a->v[1], act->addr) == 0) {
      return 1;
    }
    memset(act->addr, 0, sizeof(act->addr));
    return parse_dns_name(e, "sntp-start", a->v[1], act);
  case LWIPSIM_ACT_HTTP_GET: return parse_http_get(e, a, act);
  default:
    if (a->n != 1) {
      return bad(e, "%s takes no arguments, but '%s' follows it", a->v[0], value + a->off[1]);
    }
    return 1;
  }
}

static int find_action(const char *word, enum lwipsim_action_kind *kind)
{
  size_t i;

  for (i = 0; i < N_ACTIONS; i++) {
    if (strcmp(word, action_names[i]) == 0) {
      *kind = (enum lwipsim_action_kind)i;
      return 0;
    }
  }
  return -1;
}

int lwipsim_scenario_parse_action(const char *value, struct lwipsim_action *act, char *msg, size_t msglen)
{
  struct msgbuf e = { msg, msglen };
  struct args a;

  if (split_args(value, &a) != 0) {
    bad(&e, "too many arguments for an action");
    return -1;
  }
  if (a.n == 0) {
    bad(&e, "no action; write e.g. '0s = netif-up'");
    return -1;
  }
  if (find_action(a.v[0], &act->kind) != 0) {
    bad(&e,
        "unknown action '%s'; valid actions: netif-up, netif-down, link-up, link-down, static, dhcp, "
        "ipv6-linklocal, mdns-start, mdns-stop, http-listen, http-close, http-get, reload, tcp-connect, udp-listen, "
        "udp-close, udp-send, igmp-join, igmp-leave, dns-server, dns-lookup, sntp-start, sntp-stop",
        a.v[0]);
    return -1;
  }
  return parse_action_args(&e, value, &a, act) ? 0 : -1;
}
