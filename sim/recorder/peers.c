#include "recorder/peers.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "recorder/peer_dns.h"
#include "recorder/procs.h"
#include "recorder/recording.h"

/* Debian packages and the programs from them a recording runs. */
static const char *const programs[] = { "ip",           "dnsmasq",     "avahi-daemon",
                                        "avahi-browse", "dbus-daemon", "unshare",
                                        "curl",         "ping",        NULL };
static const char *const packages[] = { "iproute2",   "dnsmasq-base", "avahi-daemon", "avahi-utils", "dbus-daemon",
                                        "util-linux", "curl",         "iputils-ping", "libpcap0.8",  NULL };

int lwipsim_peers_on_path(const char *prog)
{
  const char *path = getenv("PATH");
  char buf[PATH_MAX];
  for (const char *p = path ? path : "/usr/sbin:/usr/bin:/sbin:/bin"; *p;) {
    size_t len = strcspn(p, ":");
    snprintf(buf, sizeof buf, "%.*s/%s", (int)len, p, prog);
    if (access(buf, X_OK) == 0) {
      return 1;
    }
    p += len + (p[len] == ':');
  }
  return 0;
}

const char *lwipsim_peers_missing_program(void)
{
  for (int i = 0; programs[i] != NULL; i++) {
    if (!lwipsim_peers_on_path(programs[i])) {
      return programs[i];
    }
  }
  return NULL;
}

static int write_text(const char *path, const char *text)
{
  FILE *f = fopen(path, "w");
  if (f == NULL) {
    return -1;
  }
  fputs(text, f);
  return fclose(f);
}

/* Polls a log file for a line the program prints once it is ready. */
static int wait_for_text(const char *path, const char *needle, int timeout_ms)
{
  for (int waited = 0; waited < timeout_ms; waited += 50) {
    FILE *f = fopen(path, "r");
    if (f != NULL) {
      char line[512];
      while (fgets(line, sizeof line, f) != NULL) {
        if (strstr(line, needle) != NULL) {
          fclose(f);
          return 0;
        }
      }
      fclose(f);
    }
    lwipsim_sleep_ms(50);
  }
  return -1;
}

int lwipsim_peers_start_dnsmasq(struct lwipsim_procs *ps, const struct lwipsim_recording *rec, char *err, size_t errlen)
{
  char iface[64], range[96], host[96], leases[PATH_MAX + 16], pid[PATH_MAX + 16], log[PATH_MAX + 16];
  snprintf(iface, sizeof iface, "--interface=%s", LWIPSIM_REC_IFNAME);
  snprintf(range, sizeof range, "--dhcp-range=%s,%s,%u", rec->pool_lo, rec->pool_hi, rec->lease_s);
  snprintf(host, sizeof host, "--dhcp-host=%s,%s,%u", rec->device_mac, rec->device_ip, rec->lease_s);
  snprintf(leases, sizeof leases, "--dhcp-leasefile=%s/dnsmasq.leases", rec->work);
  snprintf(pid, sizeof pid, "--pid-file=%s/dnsmasq.pid", rec->work);
  snprintf(log, sizeof log, "%s/dnsmasq.log", rec->work);
  /* DHCP, bound to the TAP, the device's address pinned to its MAC,
   * logging every DHCP message; DNS only for the names the script looks up
   * (peer_dns.c: otherwise port=0). */
  struct lwipsim_peer_dns_args dns;
  lwipsim_peer_dns_args(rec, &dns);
  char *argv[16 + LWIPSIM_PEER_DNS_MAX_ARGS] = { "dnsmasq",
                                                 "--keep-in-foreground",
                                                 "--conf-file=/dev/null",
                                                 iface,
                                                 "--bind-interfaces",
                                                 "--except-interface=lo",
                                                 range,
                                                 host,
                                                 "--dhcp-authoritative",
                                                 leases,
                                                 pid,
                                                 "--log-dhcp",
                                                 "--log-facility=-" };
  size_t n = 0;
  while (argv[n] != NULL) { /* past the options above */
    n++;
  }
  for (size_t i = 0; i < dns.n; i++) {
    argv[n++] = dns.argv[i];
  }
  argv[n] = NULL;
  if (lwipsim_procs_spawn(ps, "dnsmasq", argv, log, NULL) < 0 || wait_for_text(log, "DHCP, IP range", 5000) != 0) {
    snprintf(err, errlen, "dnsmasq did not start (see %s)", log);
    return -1;
  }
  return 0;
}

static const char dbus_conf[] =
    "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
    " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
    "<busconfig>\n  <type>system</type>\n  <listen>unix:path=%s/bus</listen>\n  <auth>EXTERNAL</auth>\n"
    "  <policy context=\"default\">\n    <allow user=\"*\"/>\n    <allow own=\"*\"/>\n"
    "    <allow send_destination=\"*\" eavesdrop=\"true\"/>\n    <allow receive_sender=\"*\"/>\n  </policy>\n"
    "</busconfig>\n";

/* IPv4 only, on the TAP only: the browsers are there to query the device.
 * Only the first publishes its host name: every daemon shares the TAP's one
 * address, and a second address record for it is a name conflict. */
static const char avahi_conf[] = "[server]\nhost-name=lwipsim-peer-%u\ndomain-name=local\nuse-ipv4=yes\nuse-ipv6=no\n"
                                 "allow-interfaces=%s\nenable-dbus=yes\nratelimit-interval-usec=1000000\n"
                                 "ratelimit-burst=1000\n\n[wide-area]\nenable-wide-area=no\n\n[publish]\n"
                                 "publish-addresses=%s\npublish-hinfo=no\npublish-workstation=no\npublish-domain=no\n"
                                 "publish-aaaa-on-ipv4=no\npublish-a-on-ipv6=no\n\n[reflector]\n"
                                 "enable-reflector=no\n\n[rlimits]\n";

static void avahi_dir(const struct lwipsim_recording *rec, unsigned i, char *dir, size_t len)
{
  snprintf(dir, len, "%s/avahi-%u", rec->work, i);
}

static char *bus_env(const struct lwipsim_recording *rec, unsigned i)
{
  char dir[PATH_MAX];
  avahi_dir(rec, i, dir, sizeof dir);
  char *env = NULL;
  return asprintf(&env, "DBUS_SYSTEM_BUS_ADDRESS=unix:path=%s/bus", dir) < 0 ? NULL : env;
}

int lwipsim_peers_start_avahi(struct lwipsim_procs *ps, const struct lwipsim_recording *rec, unsigned i, char *err,
                              size_t errlen)
{
  char dir[PATH_MAX], file[PATH_MAX + 32], text[PATH_MAX + 2048], log[PATH_MAX + 32], shell[3 * PATH_MAX];
  avahi_dir(rec, i, dir, sizeof dir);
  snprintf(file, sizeof file, "%s/etc-avahi", dir);
  if (mkdir(dir, 0755) != 0 || mkdir(file, 0755) != 0) {
    snprintf(err, errlen, "%s: %s", dir, strerror(errno));
    return -1;
  }
  snprintf(file, sizeof file, "%s/dbus.conf", dir);
  snprintf(text, sizeof text, dbus_conf, dir);
  write_text(file, text);
  snprintf(file, sizeof file, "%s/etc-avahi/avahi-daemon.conf", dir);
  snprintf(text, sizeof text, avahi_conf, i, LWIPSIM_REC_IFNAME, i == 0 ? "yes" : "no");
  write_text(file, text);
  snprintf(file, sizeof file, "%s/etc-avahi/hosts", dir);
  write_text(file, "");

  char conf_arg[PATH_MAX + 32];
  snprintf(conf_arg, sizeof conf_arg, "--config-file=%s/dbus.conf", dir);
  char *dbus[] = { "dbus-daemon", "--nofork", "--nopidfile", conf_arg, NULL };
  snprintf(log, sizeof log, "%s/dbus.log", dir);
  if (lwipsim_procs_spawn(ps, "dbus-daemon", dbus, log, NULL) < 0) {
    snprintf(err, errlen, "cannot start dbus-daemon for browser %u", i);
    return -1;
  }
  snprintf(file, sizeof file, "%s/bus", dir);
  for (int waited = 0; access(file, F_OK) != 0; waited += 50) {
    if (waited > 5000) {
      snprintf(err, errlen, "dbus-daemon for browser %u did not start (see %s)", i, log);
      return -1;
    }
    lwipsim_sleep_ms(50);
  }
  /* A private mount namespace: /run and /etc/avahi are this daemon's own. */
  snprintf(shell, sizeof shell,
           "mount -t tmpfs -o mode=755 lwipsim-run /run && mkdir -p /run/avahi-daemon && "
           "mount --bind '%s/etc-avahi' /etc/avahi && "
           "exec avahi-daemon --no-drop-root --no-chroot --no-rlimits --no-proc-title",
           dir);
  char *avahi[] = { "unshare", "-m", "--propagation", "private", "sh", "-c", shell, NULL };
  snprintf(log, sizeof log, "%s/avahi-daemon.log", dir);
  char *env = bus_env(rec, i);
  pid_t pid = lwipsim_procs_spawn(ps, "avahi-daemon", avahi, log, env);
  free(env); /* the child has its own copy */
  if (pid < 0 || wait_for_text(log, "Server startup complete", 10000) != 0) {
    snprintf(err, errlen, "avahi-daemon for browser %u did not start (see %s)", i, log);
    return -1;
  }
  return 0;
}

int lwipsim_peers_start_browse(struct lwipsim_procs *ps, const struct lwipsim_recording *rec, unsigned i)
{
  char dir[PATH_MAX], log[PATH_MAX + 32];
  avahi_dir(rec, i, dir, sizeof dir);
  snprintf(log, sizeof log, "%s/browse.log", dir);
  char *argv[] = { "avahi-browse", "-r", "-p", "_http._tcp", NULL };
  char *env = bus_env(rec, i);
  pid_t pid = lwipsim_procs_spawn(ps, "avahi-browse", argv, log, env);
  free(env);
  return pid < 0 ? -1 : 0;
}

int lwipsim_peers_start_curl(struct lwipsim_procs *ps, const struct lwipsim_recording *rec, unsigned n)
{
  char url[64], host[128], log[PATH_MAX + 32];
  snprintf(url, sizeof url, "http://%s/", rec->device_ip);
  snprintf(host, sizeof host, "Host: %s.local", rec->hostname[0] ? rec->hostname : rec->device_ip);
  snprintf(log, sizeof log, "%s/curl-%u.log", rec->work, n);
  char *argv[] = { "curl", "-sS", "-m", "8", "-o", "/dev/null", "-w", "http %{http_code}\\n", "-H", host, url, NULL };
  return lwipsim_procs_spawn(ps, "curl", argv, log, NULL) < 0 ? -1 : 0;
}

int lwipsim_peers_start_ping(struct lwipsim_procs *ps, const struct lwipsim_recording *rec)
{
  char count[16], log[PATH_MAX + 32];
  snprintf(count, sizeof count, "%u", rec->ping_count);
  snprintf(log, sizeof log, "%s/ping.log", rec->work);
  char *argv[] = { "ping", "-n", "-c", count, "-i", "1", "-W", "2", (char *)rec->device_ip, NULL };
  return lwipsim_procs_spawn(ps, "ping", argv, log, NULL) < 0 ? -1 : 0;
}

/* Lines of a file that start with (or, with anywhere set, contain) needle. */
static unsigned count_lines(const char *path, const char *needle, int anywhere)
{
  FILE *f = fopen(path, "r");
  unsigned n = 0;
  if (f == NULL) {
    return 0;
  }
  char line[1024];
  while (fgets(line, sizeof line, f) != NULL) {
    n += anywhere ? strstr(line, needle) != NULL : strncmp(line, needle, strlen(needle)) == 0;
  }
  fclose(f);
  return n;
}

void lwipsim_peers_collect(struct lwipsim_recording *rec, unsigned curls_started)
{
  char path[PATH_MAX + 32];
  rec->http_total = curls_started;
  rec->http_ok = 0;
  for (unsigned n = 1; n <= curls_started; n++) {
    snprintf(path, sizeof path, "%s/curl-%u.log", rec->work, n);
    rec->http_ok += count_lines(path, "http 200", 0);
  }
  snprintf(path, sizeof path, "%s/ping.log", rec->work);
  rec->ping_received = count_lines(path, "bytes from", 1);
  rec->browsers_resolved = 0;
  for (unsigned i = 0; i < rec->browsers; i++) {
    snprintf(path, sizeof path, "%s/avahi-%u/browse.log", rec->work, i);
    rec->browsers_resolved += count_lines(path, "=;", 0) > 0;
  }
  snprintf(path, sizeof path, "%s/dnsmasq.log", rec->work);
  rec->dhcp_acks = count_lines(path, "DHCPACK", 1);

  rec->versions[0] = '\0';
  for (int i = 0; packages[i] != NULL; i++) {
    lwipsim_peers_add_version(rec, packages[i]);
  }
}

void lwipsim_peers_add_version(struct lwipsim_recording *rec, const char *package)
{
  char version[128];
  char *argv[] = { "dpkg-query", "-W", "-f", "${Version}", (char *)package, NULL };
  if (lwipsim_run_capture(argv, version, sizeof version) != 0 || version[0] == '\0') {
    snprintf(version, sizeof version, "unknown");
  }
  size_t used = strlen(rec->versions);
  snprintf(rec->versions + used, sizeof rec->versions - used, "%s %s\n", package, version);
}

/* For the peers in files of their own (peer_*.c). */
int lwipsim_peers_write_text(const char *path, const char *text) { return write_text(path, text); }
int lwipsim_peers_wait_for_text(const char *path, const char *needle, int timeout_ms)
{
  return wait_for_text(path, needle, timeout_ms);
}
unsigned lwipsim_peers_count_lines(const char *path, const char *needle, int anywhere)
{
  return count_lines(path, needle, anywhere);
}
