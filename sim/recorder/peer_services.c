/* lwipsim record: which of the device's client peers a script needs (its
 * actions), and those peers started, read and written up together. */
#include "recorder/peer_services.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "recorder/peer_dns.h"
#include "recorder/peer_kinds.h"
#include "recorder/peers.h"
#include "recorder/recording.h"
#include "scenario/scenario.h"

static int add_port(uint16_t *ports, size_t *n, uint16_t port)
{
  for (size_t i = 0; i < *n; i++) {
    if (ports[i] == port) {
      return 0;
    }
  }
  if (*n == LWIPSIM_PEER_MAX_PORTS) {
    return -1;
  }
  ports[(*n)++] = port;
  return 0;
}

static int add_name(char names[][128], size_t *n, const char *name)
{
  for (size_t i = 0; i < *n; i++) {
    if (strcmp(names[i], name) == 0) {
      return 0;
    }
  }
  if (*n == LWIPSIM_PEER_MAX_NAMES) {
    return -1;
  }
  snprintf(names[(*n)++], 128, "%s", name);
  return 0;
}

/* A path the HTTP peer can serve as a file: "/" and letters, digits and
 * . _ - ~ between slashes, no "..". */
static int servable_path(const char *path)
{
  if (path[0] != '/' || strstr(path, "..") != NULL || strlen(path) > 100) {
    return 0;
  }
  return strspn(path, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-~/") == strlen(path);
}

/* Ports the peers' own daemons hold (DNS, DHCP, NTP, mDNS): a UDP sink cannot bind them. */
static int peer_udp_port(uint16_t port) { return port == 53 || port == 67 || port == 123 || port == 5353; }

int lwipsim_peer_services_plan(struct lwipsim_recording *rec, const struct lwipsim_scenario *sc, char *err,
                               size_t errlen)
{
  struct lwipsim_peer_services *sv = &rec->services;
  memset(sv, 0, sizeof *sv);
  for (size_t i = 0; i < sc->n_actions; i++) {
    const struct lwipsim_action *a = &sc->actions[i];
    char addr[16];
    snprintf(addr, sizeof addr, "%u.%u.%u.%u", a->addr[0], a->addr[1], a->addr[2], a->addr[3]);
    int to_peers = strcmp(addr, rec->peer_ip) == 0, full = 0;
    const char *what = NULL;
    switch (a->kind) {
    case LWIPSIM_ACT_SNTP_START:
      if (a->name[0] != '\0') {
        full = add_name(sv->dns_names, &sv->n_dns_names, a->name);
        sv->ntp = 1;
      } else if (to_peers) {
        sv->ntp = 1;
      } else {
        what = "sntp-start";
      }
      break;
    case LWIPSIM_ACT_DNS_LOOKUP: full = add_name(sv->dns_names, &sv->n_dns_names, a->name); break;
    case LWIPSIM_ACT_HTTP_GET:
      if (!to_peers) {
        what = "http-get";
      } else if (!servable_path(a->name)) {
        snprintf(err, errlen,
                 "%s:%d: http-get path '%s': the recorder's HTTP peer serves paths of letters, digits, '.', '_', "
                 "'-', '~' and '/' only (no '..', at most 100 characters)",
                 sc->path, a->line, a->name);
        return -1;
      } else {
        full = add_port(sv->http_ports, &sv->n_http_ports, a->port) ||
               add_name(sv->http_paths, &sv->n_http_paths, a->name);
      }
      break;
    case LWIPSIM_ACT_UDP_SEND:
      if (!to_peers) {
        what = "udp-send";
      } else if (peer_udp_port(a->port)) {
        snprintf(err, errlen, "%s:%d: udp-send to port %u: the recorder's own peers use that port; pick another",
                 sc->path, a->line, a->port);
        return -1;
      } else {
        full = add_port(sv->udp_ports, &sv->n_udp_ports, a->port);
      }
      break;
    default: break;
    }
    if (full) {
      snprintf(err, errlen, "%s:%d: the recorder's peers take at most %d ports and %d names of each kind", sc->path,
               a->line, LWIPSIM_PEER_MAX_PORTS, LWIPSIM_PEER_MAX_NAMES);
      return -1;
    }
    if (what != NULL && a->time_ms == a->first_ms) { /* once per script line, not per repeat */
      fprintf(stderr, "lwipsim record: %s:%d: %s to %s, which is not the peers' address %s: nothing will answer it\n",
              sc->path, a->line, what, addr, rec->peer_ip);
    }
  }
  return 0;
}

const char *lwipsim_peer_services_missing(const struct lwipsim_recording *rec)
{
  const struct lwipsim_peer_services *sv = &rec->services;
  if (sv->ntp && !lwipsim_peers_on_path("chronyd")) {
    return "chronyd";
  }
  if (sv->ntp && !lwipsim_peers_on_path("chronyc")) {
    return "chronyc";
  }
  if (sv->n_http_ports > 0 && access(LWIPSIM_PEER_PYTHON, X_OK) != 0) {
    return LWIPSIM_PEER_PYTHON;
  }
  return NULL;
}

int lwipsim_peer_services_start(struct lwipsim_procs *ps, struct lwipsim_recording *rec, char *err, size_t errlen)
{
  const struct lwipsim_peer_services *sv = &rec->services;
  if (sv->n_udp_ports > 0 && lwipsim_peer_udp_sink_start(ps, rec, err, errlen) != 0) {
    return -1;
  }
  if (sv->n_http_ports > 0 && lwipsim_peer_http_start(ps, rec, err, errlen) != 0) {
    return -1;
  }
  if (sv->ntp && lwipsim_peer_ntp_start(ps, rec, err, errlen) != 0) {
    return -1;
  }
  return 0;
}

void lwipsim_peer_services_collect(struct lwipsim_recording *rec)
{
  const struct lwipsim_peer_services *sv = &rec->services;
  if (sv->ntp) {
    lwipsim_peer_ntp_collect(rec);
    lwipsim_peers_add_version(rec, "chrony");
  }
  if (sv->n_http_ports > 0) {
    lwipsim_peer_http_collect(rec);
    lwipsim_peers_add_version(rec, "python3");
  }
  if (sv->n_udp_ports > 0) {
    lwipsim_peer_udp_sink_collect(rec);
  }
  if (sv->n_dns_names > 0) {
    lwipsim_peer_dns_collect(rec);
  }
}

static void list_ports(const uint16_t *ports, size_t n, char *buf, size_t len)
{
  buf[0] = '\0';
  for (size_t i = 0; i < n; i++) {
    size_t used = strlen(buf);
    snprintf(buf + used, len - used, "%s%u", i ? ", " : "", ports[i]);
  }
}

void lwipsim_peer_services_readme(FILE *f, const struct lwipsim_recording *rec)
{
  const struct lwipsim_peer_services *sv = &rec->services;
  char ports[64];
  if (sv->ntp) {
    if (sv->ntp_received >= 0 && sv->ntp_dropped >= 0) {
      fprintf(f,
              "- NTP: chronyd (`local stratum 10`, `-x`: the clock untouched) answered %ld of %ld requests "
              "(`chronyc serverstats`: %ld received, %ld dropped)\n",
              sv->ntp_received - sv->ntp_dropped, sv->ntp_received, sv->ntp_received, sv->ntp_dropped);
    } else {
      fprintf(f, "- NTP: chronyd ran; its counts could not be read (`chronyc serverstats` failed)\n");
    }
  }
  if (sv->n_http_ports > 0) {
    list_ports(sv->http_ports, sv->n_http_ports, ports, sizeof ports);
    fprintf(f, "- HTTP server: `python3 -m http.server` (HTTP/1.1) on %s port %s served %u of %u GETs with 200\n",
            rec->peer_ip, ports, sv->http_served, sv->http_requests);
  }
  if (sv->n_udp_ports > 0) {
    list_ports(sv->udp_ports, sv->n_udp_ports, ports, sizeof ports);
    fprintf(f, "- UDP sink: %u datagrams (%lu bytes of payload) received on %s port %s\n", sv->udp_datagrams,
            sv->udp_bytes, rec->peer_ip, ports);
  }
  if (sv->n_dns_names > 0) {
    fprintf(f, "- DNS: dnsmasq answered %u of %u queries from its host records (", sv->dns_answered, sv->dns_queries);
    for (size_t i = 0; i < sv->n_dns_names; i++) {
      fprintf(f, "%s`%s`", i ? ", " : "", sv->dns_names[i]);
    }
    fprintf(f, " -> %s)\n", rec->peer_ip);
  }
}

void lwipsim_peer_services_names(const struct lwipsim_recording *rec, char *buf, size_t len)
{
  const struct lwipsim_peer_services *sv = &rec->services;
  snprintf(buf, len, "%s%s%s%s", sv->ntp ? ", chronyd (NTP)" : "",
           sv->n_http_ports > 0 ? ", python3 http.server (HTTP)" : "", sv->n_udp_ports > 0 ? ", UDP sink" : "",
           sv->n_dns_names > 0 ? ", dnsmasq DNS" : "");
}

void lwipsim_peer_services_summary(const struct lwipsim_recording *rec, char *buf, size_t len)
{
  const struct lwipsim_peer_services *sv = &rec->services;
  buf[0] = '\0';
  size_t used = 0;
  if (sv->ntp) {
    used += (size_t)snprintf(buf + used, len - used, ", NTP %ld/%ld answered", sv->ntp_received - sv->ntp_dropped,
                             sv->ntp_received);
  }
  if (sv->n_http_ports > 0 && used < len) {
    used += (size_t)snprintf(buf + used, len - used, ", GETs served %u/%u", sv->http_served, sv->http_requests);
  }
  if (sv->n_udp_ports > 0 && used < len) {
    used += (size_t)snprintf(buf + used, len - used, ", UDP datagrams %u", sv->udp_datagrams);
  }
  if (sv->n_dns_names > 0 && used < len) {
    snprintf(buf + used, len - used, ", DNS %u/%u answered", sv->dns_answered, sv->dns_queries);
  }
}
