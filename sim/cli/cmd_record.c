/* lwipsim record: a new scenario recorded live. The recorder makes its own
 * network namespace with a TAP link, runs `lwipsim tap` on it as the
 * device, starts real peers on the kernel side, captures the link, and
 * writes scenario.ini, capture.pcap and RECORDING.md. Every process and the
 * namespace are gone afterwards, also after an error or Ctrl-C. */
#include <errno.h>
#include <ftw.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/commands.h"
#include "recorder/peer_mqtt.h"
#include "recorder/peer_services.h"
#include "recorder/peers.h"
#include "recorder/recording.h"
#include "recorder/script_network.h"
#include "recorder/session.h"

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
  (void)sig;
  interrupted = 1;
}

static void usage(FILE *out)
{
  fprintf(out, "usage: lwipsim record --profile NAME --script FILE --duration SECONDS --out DIR\n"
               "                      [--browsers N] [--browse-at S] [--http-clients N] [--http-every S]\n"
               "                      [--workload-at S] [--ping-count N] [--lease S] [--description TEXT]\n"
               "                      [--lwip VERSION]\n"
               "\n"
               "Records a new scenario with real Linux peers. In a network namespace of its own it\n"
               "runs the profile's lwIP live on a TAP device (`lwipsim tap` with the script), starts\n"
               "dnsmasq (DHCP), avahi-daemon + avahi-browse (mDNS), curl (HTTP) and ping against it,\n"
               "and, when the script talks to them at the peers' address, chronyd (sntp-start),\n"
               "python3 -m http.server (http-get), a UDP sink (udp-send) and DNS answers from\n"
               "dnsmasq (dns-lookup, sntp-start NAME: each name answered with the peers' address),\n"
               "captures every frame on the link with libpcap, and writes DIR/scenario.ini,\n"
               "DIR/capture.pcap, DIR/RECORDING.md and DIR/live-record.json (the live run's record).\n"
               "Reloads and the rest of the device's behaviour come from the script. Needs root and\n"
               "/dev/net/tun; touches no interface outside its namespace.\n"
               "\n"
               "  --profile NAME      the device's lwIP build (see `lwipsim profiles`)\n"
               "  --script FILE       a scenario.ini (or its folder) with the device script; [device]\n"
               "                      mac is used when given (default " LWIPSIM_REC_DEFAULT_DEVICE_MAC ")\n"
               "  --duration S        seconds the device runs (the recorded scenario's duration)\n"
               "  --out DIR           the new scenario folder (created)\n"
               "  --browsers N        avahi-daemons, each browsing _http._tcp (default 1, at most 16)\n"
               "  --browse-at S       when the browsers start, all at once (default 2)\n"
               "  --http-clients N    parallel curl GETs per round (default 1, at most 32)\n"
               "  --http-every S      seconds between rounds (default 5)\n"
               "  --workload-at S     first HTTP round and the ping (default 3)\n"
               "  --ping-count N      echo requests, one a second (default 5)\n"
               "  --lease S           DHCP lease in seconds (default 3600; dnsmasq's minimum is 120)\n"
               "  --description TEXT  the scenario's description line\n"
               "\n"
               "exit: 0 recorded, 1 the recording failed, 2 usage error or no root / no /dev/net/tun,\n"
               "130 interrupted (nothing written)\n");
}

static int parse_number(const char *opt, const char *s, double lo, double hi, double *out)
{
  char *end;
  errno = 0;
  double v = strtod(s, &end);
  if (errno != 0 || *end != '\0' || end == s || v < lo || v > hi) {
    fprintf(stderr, "lwipsim record: %s %s: expected a number from %g to %g\n", opt, s, lo, hi);
    return -1;
  }
  *out = v;
  return 0;
}

static int parse_args(struct lwipsim_recording *rec, int argc, char **argv)
{
  static const struct option longopts[] = { { "profile", required_argument, 0, 'p' },
                                            { "script", required_argument, 0, 's' },
                                            { "duration", required_argument, 0, 'd' },
                                            { "out", required_argument, 0, 'o' },
                                            { "browsers", required_argument, 0, 'b' },
                                            { "browse-at", required_argument, 0, 'B' },
                                            { "http-clients", required_argument, 0, 'c' },
                                            { "http-every", required_argument, 0, 'e' },
                                            { "workload-at", required_argument, 0, 'w' },
                                            { "ping-count", required_argument, 0, 'n' },
                                            { "lease", required_argument, 0, 'l' },
                                            { "description", required_argument, 0, 'D' },
                                            { "lwip", required_argument, 0, 'L' },
                                            { "help", no_argument, 0, 'h' },
                                            { 0, 0, 0, 0 } };
  double v, duration = 0;
  int opt;
  optind = 1;
  while ((opt = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
    int bad = 0;
    switch (opt) {
    case 'p': rec->profile = optarg; break;
    case 's': rec->script = optarg; break;
    case 'o': rec->out_dir = optarg; break;
    case 'D': rec->description = optarg; break;
    case 'L': rec->lwip = optarg; break;
    case 'd': bad = parse_number("--duration", optarg, 5, 3600, &duration); break;
    case 'b':
      bad = parse_number("--browsers", optarg, 0, 16, &v);
      rec->browsers = (unsigned)v;
      break;
    case 'B': bad = parse_number("--browse-at", optarg, 0, 3600, &rec->browse_at_s); break;
    case 'c':
      bad = parse_number("--http-clients", optarg, 0, 32, &v);
      rec->http_clients = (unsigned)v;
      break;
    case 'e': bad = parse_number("--http-every", optarg, 0.2, 3600, &rec->http_every_s); break;
    case 'w': bad = parse_number("--workload-at", optarg, 0, 3600, &rec->workload_at_s); break;
    case 'n':
      bad = parse_number("--ping-count", optarg, 0, 3600, &v);
      rec->ping_count = (unsigned)v;
      break;
    case 'l':
      bad = parse_number("--lease", optarg, 120, 86400, &v);
      rec->lease_s = (unsigned)v;
      break;
    case 'h': usage(stdout); return 1;
    default: usage(stderr); return -1;
    }
    if (bad) {
      return -1;
    }
  }
  rec->duration_s = (unsigned)duration;
  const char *missing = !rec->profile          ? "--profile NAME"
                        : !rec->script         ? "--script FILE"
                        : rec->duration_s == 0 ? "--duration SECONDS"
                        : !rec->out_dir        ? "--out DIR"
                                               : NULL;
  if (missing != NULL || optind != argc) {
    fprintf(stderr, "lwipsim record: %s (see --help)\n", missing ? missing : "unexpected argument");
    return -1;
  }
  return 0;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
  (void)st;
  (void)flag;
  (void)ftw;
  return remove(path);
}

int lwipsim_cmd_record(const struct lwipsim_cli *cli, int argc, char **argv)
{
  static struct lwipsim_recording rec;
  memset(&rec, 0, sizeof rec);
  rec.browsers = 1;
  rec.browse_at_s = 2;
  rec.http_clients = 1;
  rec.http_every_s = 5;
  rec.workload_at_s = 3;
  rec.ping_count = 5;
  rec.lease_s = 3600;
  rec.description = "recorded live with real Linux peers (lwipsim record)";
  int rc = parse_args(&rec, argc, argv);
  if (rc != 0) {
    return rc > 0 ? 0 : 2;
  }
  const char *missing = lwipsim_peers_missing_program();
  if (geteuid() != 0 || access("/dev/net/tun", R_OK | W_OK) != 0 || missing != NULL) {
    fprintf(stderr, "lwipsim record: %s\n",
            geteuid() != 0    ? "needs root (it creates a network namespace and a TAP device)"
            : missing == NULL ? "needs /dev/net/tun (the kernel's tun module), which this machine does not have"
                              : "a peer program is missing");
    if (missing != NULL && geteuid() == 0) {
      fprintf(stderr, "lwipsim record: '%s' not found; install the packages in ci/setup.sh\n", missing);
    }
    return 2;
  }
  if (lwipsim_profiles_find(&cli->profiles, rec.profile, rec.lwip) == NULL) {
    fprintf(stderr, "lwipsim record: unknown profile '%s' (see `lwipsim profiles`)\n", rec.profile);
    return 2;
  }
  char err[1024];
  if (lwipsim_recording_from_script(&rec, err, sizeof err) != 0) {
    fprintf(stderr, "lwipsim record: %s\n", err);
    return 2;
  }
  if ((missing = lwipsim_peer_mqtt_missing(&rec)) != NULL) {
    fprintf(stderr,
            "lwipsim record: the script's mqtt-connect needs a broker: '%s' not found; install the packages "
            "in ci/setup.sh\n",
            missing);
    return 2;
  }
  if ((missing = lwipsim_peer_services_missing(&rec)) != NULL) {
    fprintf(stderr,
            "lwipsim record: the script needs '%s', which is not installed; install the packages in ci/setup.sh\n",
            missing);
    return 2;
  }
  size_t used = 0;
  for (int i = 0; i < argc && used < sizeof rec.command_line; i++) {
    const char *q = strchr(argv[i], ' ') != NULL ? "'" : "";
    used += (size_t)snprintf(rec.command_line + used, sizeof rec.command_line - used, "%s%s%s%s", i ? " " : "lwipsim ",
                             q, argv[i], q);
  }
  snprintf(rec.work, sizeof rec.work, "/tmp/lwipsim-record.XXXXXX");
  if (mkdtemp(rec.work) == NULL) {
    perror("lwipsim record: mkdtemp");
    return 1;
  }
  chmod(rec.work, 0755); /* dnsmasq drops to nobody after opening its files */
  snprintf(rec.netns, sizeof rec.netns, "lwipsim-rec-%d", (int)getpid());

  struct sigaction sa = { .sa_handler = on_signal }, old_int, old_term;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, &old_int);
  sigaction(SIGTERM, &sa, &old_term);

  rc = lwipsim_recording_session(&rec, cli->bin_dir, &interrupted);

  if (getenv("LWIPSIM_RECORD_KEEP") != NULL) {
    printf("lwipsim record: work dir kept: %s\n", rec.work);
  } else {
    nftw(rec.work, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
  }
  sigaction(SIGINT, &old_int, NULL);
  sigaction(SIGTERM, &old_term, NULL);
  return rc;
}
