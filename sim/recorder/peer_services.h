/* lwipsim record: the peers of the device's own client traffic (issue 10).
 * Each starts only when the device script talks to it: an NTP server
 * (chronyd) for sntp-start, an HTTP server (python3 -m http.server) for
 * http-get, a UDP sink for udp-send, and DNS answers from the dnsmasq that
 * already serves DHCP for dns-lookup and sntp-start NAME. They all live at
 * the peers' address on the TAP link, in the recorder's namespace. */
#ifndef LWIPSIM_PEER_SERVICES_H
#define LWIPSIM_PEER_SERVICES_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define LWIPSIM_PEER_MAX_PORTS 8
#define LWIPSIM_PEER_MAX_NAMES 8

struct lwipsim_procs;
struct lwipsim_recording;
struct lwipsim_scenario;

struct lwipsim_peer_services {
  /* what the script talks to at the peers' address (repeats counted once) */
  int ntp;                                     /* sntp-start to the peers' address or to a name */
  uint16_t http_ports[LWIPSIM_PEER_MAX_PORTS]; /* http-get */
  size_t n_http_ports;
  char http_paths[LWIPSIM_PEER_MAX_NAMES][128];
  size_t n_http_paths;
  uint16_t udp_ports[LWIPSIM_PEER_MAX_PORTS]; /* udp-send */
  size_t n_udp_ports;
  char dns_names[LWIPSIM_PEER_MAX_NAMES][128]; /* dns-lookup, sntp-start NAME */
  size_t n_dns_names;

  /* what the peers saw */
  long ntp_received, ntp_dropped; /* chronyd's own counts (chronyc serverstats); -1 not known */
  unsigned http_requests, http_served;
  unsigned udp_datagrams;
  unsigned long udp_bytes;
  unsigned dns_queries, dns_answered;
};

/* Reads the script's actions into rec->services. Returns 0, or -1 with one
 * line naming the script line in err (more ports or names than the peers
 * take, an http-get path the HTTP peer cannot serve, a udp-send to a port the
 * peers' own daemons hold). An action aimed at
 * another address than the peers' is a warning on stderr: nothing answers it. */
int lwipsim_peer_services_plan(struct lwipsim_recording *rec, const struct lwipsim_scenario *sc, char *err,
                               size_t errlen);
/* The first program a needed peer lacks, or NULL. */
const char *lwipsim_peer_services_missing(const struct lwipsim_recording *rec);
/* Starts the needed peers (after dnsmasq, before the device); each is ready
 * to answer when this returns 0. */
int lwipsim_peer_services_start(struct lwipsim_procs *ps, struct lwipsim_recording *rec, char *err, size_t errlen);
/* After the capture has stopped, before the peers are: what each saw, and
 * their package versions appended to rec->versions. */
void lwipsim_peer_services_collect(struct lwipsim_recording *rec);
/* RECORDING.md: one line per peer that ran ("What the peers saw"). */
void lwipsim_peer_services_readme(FILE *f, const struct lwipsim_recording *rec);
/* The peers that ran, for scenario.ini's source line (", chronyd (NTP)..."; "" for none). */
void lwipsim_peer_services_names(const struct lwipsim_recording *rec, char *buf, size_t len);
/* The end-of-run line's part for these peers ("; NTP 1/1 answered..."; "" for none). */
void lwipsim_peer_services_summary(const struct lwipsim_recording *rec, char *buf, size_t len);

#endif
