/* lwipsim record: the NTP server for the device's SNTP client. chronyd from
 * Debian's chrony, run with -x (it never touches the clock: not the host's,
 * and the namespace shares it) and -d (foreground, log to stderr), from a
 * config of its own in the work dir: `local stratum 10` serves the machine's
 * clock unsynchronised, as a LAN's NTP box does, `allow` serves any client,
 * and its command socket in the work dir lets chronyc read its own counts
 * afterwards (chrony.conf(5), chronyd(8)). No drift, dump or log files. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "recorder/peer_kinds.h"
#include "recorder/peers.h"
#include "recorder/procs.h"
#include "recorder/recording.h"

static void ntp_dir(const struct lwipsim_recording *rec, char *dir, size_t len)
{
  snprintf(dir, len, "%s/chrony", rec->work);
}

int lwipsim_peer_ntp_start(struct lwipsim_procs *ps, const struct lwipsim_recording *rec, char *err, size_t errlen)
{
  char dir[PATH_MAX], conf[PATH_MAX + 32], text[3 * PATH_MAX + 256], log[PATH_MAX + 32], sock[PATH_MAX + 32];
  ntp_dir(rec, dir, sizeof dir);
  /* chronyd refuses a command socket in a folder others can read */
  if (mkdir(dir, 0700) != 0) {
    snprintf(err, errlen, "%s: %s", dir, strerror(errno));
    return -1;
  }
  snprintf(conf, sizeof conf, "%s/chrony.conf", dir);
  snprintf(sock, sizeof sock, "%s/chronyd.sock", dir);
  snprintf(text, sizeof text,
           "local stratum 10\nallow\nbindaddress %s\nport 123\ncmdport 0\nbindcmdaddress %s\n"
           "pidfile %s/chronyd.pid\n",
           rec->peer_ip, sock, dir);
  if (lwipsim_peers_write_text(conf, text) != 0) {
    snprintf(err, errlen, "%s: cannot write", conf);
    return -1;
  }
  snprintf(log, sizeof log, "%s/chronyd.log", dir);
  /* -u root: no drop to _chrony, whose rights the work dir does not give */
  char *argv[] = { "chronyd", "-x", "-d", "-u", "root", "-f", conf, NULL };
  if (lwipsim_procs_spawn(ps, "chronyd", argv, log, NULL) < 0) {
    snprintf(err, errlen, "cannot start chronyd");
    return -1;
  }
  /* chronyd answers chronyc from its main loop, which it enters once its
   * initialisation (the NTP server socket included) is done. */
  for (int waited = 0;; waited += 50) {
    char out[256];
    char *probe[] = { "chronyc", "-h", sock, "serverstats", NULL };
    if (access(sock, F_OK) == 0 && lwipsim_run_capture(probe, out, sizeof out) == 0) {
      return 0;
    }
    if (waited > 5000) {
      snprintf(err, errlen, "chronyd did not start (see %s)", log);
      return -1;
    }
    lwipsim_sleep_ms(50);
  }
}

/* "NTP packets received : N" from chronyc serverstats; -1 when absent. */
static long stat_line(const char *text, const char *key)
{
  const char *p = strstr(text, key);
  const char *colon = p != NULL ? strchr(p, ':') : NULL;
  return colon != NULL ? strtol(colon + 1, NULL, 10) : -1;
}

void lwipsim_peer_ntp_collect(struct lwipsim_recording *rec)
{
  char dir[PATH_MAX], sock[PATH_MAX + 32], out[2048];
  ntp_dir(rec, dir, sizeof dir);
  snprintf(sock, sizeof sock, "%s/chronyd.sock", dir);
  char *argv[] = { "chronyc", "-h", sock, "serverstats", NULL };
  rec->services.ntp_received = rec->services.ntp_dropped = -1;
  if (lwipsim_run_capture(argv, out, sizeof out) == 0) {
    rec->services.ntp_received = stat_line(out, "NTP packets received");
    rec->services.ntp_dropped = stat_line(out, "NTP packets dropped");
  }
}
