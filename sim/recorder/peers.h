/* The real peers on the recorder's side of the TAP link: dnsmasq (DHCP),
 * avahi-daemon + avahi-browse, curl, ping. Config files go to rec->work;
 * nothing under the host's /etc or /run is changed. */
#ifndef LWIPSIM_PEERS_H
#define LWIPSIM_PEERS_H

#include <stddef.h>

struct lwipsim_procs;
struct lwipsim_recording;

/* The programs a recording needs, or the first one missing (NULL: all there). */
const char *lwipsim_peers_missing_program(void);

int lwipsim_peers_start_dnsmasq(struct lwipsim_procs *ps, const struct lwipsim_recording *rec, char *err,
                                size_t errlen);
/* Browser i's own D-Bus system bus and avahi-daemon (private mount namespace
 * with a tmpfs on /run and its config over /etc/avahi); waits until the
 * daemon is up. */
int lwipsim_peers_start_avahi(struct lwipsim_procs *ps, const struct lwipsim_recording *rec, unsigned i, char *err,
                              size_t errlen);
/* avahi-browse -r -p _http._tcp on browser i's daemon, until stopped. */
int lwipsim_peers_start_browse(struct lwipsim_procs *ps, const struct lwipsim_recording *rec, unsigned i);
/* One curl GET of / from the device; its status line goes to work/curl-N.log. */
int lwipsim_peers_start_curl(struct lwipsim_procs *ps, const struct lwipsim_recording *rec, unsigned n);
int lwipsim_peers_start_ping(struct lwipsim_procs *ps, const struct lwipsim_recording *rec);

/* After the run: counts what the peers saw (HTTP 200s, ping replies, browsers
 * that resolved a service, DHCP ACKs) and the peers' package versions. */
void lwipsim_peers_collect(struct lwipsim_recording *rec, unsigned curls_started);
/* Appends "PACKAGE VERSION" (dpkg-query -W; "unknown" when not installed) to rec->versions. */
void lwipsim_peers_add_version(struct lwipsim_recording *rec, const char *package);

/* Helpers the peers in files of their own share: whether PROG is on PATH;
 * a whole file written; a log polled (every 50 ms) until a line contains
 * needle, 0 or -1 after timeout_ms; the lines of a file that start with (or,
 * with anywhere set, contain) needle. */
int lwipsim_peers_on_path(const char *prog);
int lwipsim_peers_write_text(const char *path, const char *text);
int lwipsim_peers_wait_for_text(const char *path, const char *needle, int timeout_ms);
unsigned lwipsim_peers_count_lines(const char *path, const char *needle, int anywhere);

#endif
