/* lwipsim record: the peers of peer_services.h, one file each. Every start
 * function spawns its peer into ps and returns once it answers, 0 or -1 with
 * one line in err; every collect function reads what the peer saw into
 * rec->services. */
#ifndef LWIPSIM_PEER_KINDS_H
#define LWIPSIM_PEER_KINDS_H

#include <stddef.h>

struct lwipsim_procs;
struct lwipsim_recording;

/* peer_ntp.c: chronyd as an NTP server on the peers' address */
int lwipsim_peer_ntp_start(struct lwipsim_procs *ps, const struct lwipsim_recording *rec, char *err, size_t errlen);
void lwipsim_peer_ntp_collect(struct lwipsim_recording *rec);

/* peer_http.c: python3 -m http.server on each port the script GETs from */
#define LWIPSIM_PEER_PYTHON "/usr/bin/python3"
int lwipsim_peer_http_start(struct lwipsim_procs *ps, const struct lwipsim_recording *rec, char *err, size_t errlen);
void lwipsim_peer_http_collect(struct lwipsim_recording *rec);

/* peer_udp_sink.c: a socket per port the script sends to, counting datagrams */
int lwipsim_peer_udp_sink_start(struct lwipsim_procs *ps, const struct lwipsim_recording *rec, char *err,
                                size_t errlen);
void lwipsim_peer_udp_sink_collect(struct lwipsim_recording *rec);

#endif
