/* lwipsim record: a new scenario recorded live. The recorder makes its own
 * network namespace with a TAP link, runs `lwipsim tap` on it as the
 * device, starts real peers on the kernel side, captures the link, and
 * writes scenario.ini, capture.pcap and RECORDING.md. Every process and the
 * namespace are gone afterwards, also after an error or Ctrl-C. */
#include <cjson/cJSON.h>
#include <errno.h>
#include <ftw.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli/commands.h"
#include "recorder/capture.h"
#include "recorder/netns.h"
#include "recorder/peers.h"
#include "recorder/procs.h"
#include "recorder/recording.h"
#include "recorder/scenario_out.h"
#include "common/json_get.h"
#include "scenario/scenario.h"

#define DEFAULT_DEVICE_MAC "28:cd:c1:03:9e:26"
#define PEER_MAC "02:77:00:00:00:01"

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
  (void)sig;
  interrupted = 1;
}

static void usage(FILE *out)
{
  fprintf(out,
          "usage: lwipsim record --profile NAME --script FILE --duration SECONDS --out DIR\n"
          "                      [--browsers N] [--browse-at S] [--http-clients N] [--http-every S]\n"
          "                      [--workload-at S] [--ping-count N] [--lease S] [--description TEXT]\n"
          "                      [--lwip VERSION]\n"
          "\n"
          "Records a new scenario with real Linux peers. In a network namespace of its own it\n"
          "runs the profile's lwIP live on a TAP device (`lwipsim tap` with the script), starts\n"
          "dnsmasq (DHCP), avahi-daemon + avahi-browse (mDNS), curl (HTTP) and ping against it,\n"
          "captures every frame on the link with libpcap, and writes DIR/scenario.ini,\n"
          "DIR/capture.pcap, DIR/RECORDING.md and DIR/live-record.json (the live run's record).\n"
          "Reloads and the rest of the device's behaviour come from the script. Needs root and\n"
          "/dev/net/tun; touches no interface outside its namespace.\n"
          "\n"
          "  --profile NAME      the device's lwIP build (see `lwipsim profiles`)\n"
          "  --script FILE       a scenario.ini (or its folder) with the device script; [device]\n"
          "                      mac is used when given (default " DEFAULT_DEVICE_MAC ")\n"
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
  static const struct option longopts[] = {
      {"profile", required_argument, 0, 'p'},      {"script", required_argument, 0, 's'},
      {"duration", required_argument, 0, 'd'},     {"out", required_argument, 0, 'o'},
      {"browsers", required_argument, 0, 'b'},     {"browse-at", required_argument, 0, 'B'},
      {"http-clients", required_argument, 0, 'c'}, {"http-every", required_argument, 0, 'e'},
      {"workload-at", required_argument, 0, 'w'},  {"ping-count", required_argument, 0, 'n'},
      {"lease", required_argument, 0, 'l'},        {"description", required_argument, 0, 'D'},
      {"lwip", required_argument, 0, 'L'},         {"help", no_argument, 0, 'h'},
      {0, 0, 0, 0}};
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
    case 'b': bad = parse_number("--browsers", optarg, 0, 16, &v); rec->browsers = (unsigned)v; break;
    case 'B': bad = parse_number("--browse-at", optarg, 0, 3600, &rec->browse_at_s); break;
    case 'c': bad = parse_number("--http-clients", optarg, 0, 32, &v); rec->http_clients = (unsigned)v; break;
    case 'e': bad = parse_number("--http-every", optarg, 0.2, 3600, &rec->http_every_s); break;
    case 'w': bad = parse_number("--workload-at", optarg, 0, 3600, &rec->workload_at_s); break;
    case 'n': bad = parse_number("--ping-count", optarg, 0, 3600, &v); rec->ping_count = (unsigned)v; break;
    case 'l': bad = parse_number("--lease", optarg, 120, 86400, &v); rec->lease_s = (unsigned)v; break;
    case 'h': usage(stdout); return 1;
    default: usage(stderr); return -1;
    }
    if (bad) {
      return -1;
    }
  }
  rec->duration_s = (unsigned)duration;
  const char *missing = !rec->profile ? "--profile NAME" : !rec->script ? "--script FILE"
                        : rec->duration_s == 0 ? "--duration SECONDS" : !rec->out_dir ? "--out DIR" : NULL;
  if (missing != NULL || optind != argc) {
    fprintf(stderr, "lwipsim record: %s (see --help)\n", missing ? missing : "unexpected argument");
    return -1;
  }
  return 0;
}

static void format_ip(char *dst, const uint8_t a[4], int last)
{
  sprintf(dst, "%u.%u.%u.%u", a[0], a[1], a[2], last >= 0 ? (unsigned)last : a[3]);
}

/* Addresses, MAC, host name and seed from the device script. */
static int derive_from_script(struct lwipsim_recording *rec)
{
  struct lwipsim_scenario sc;
  char err[1024];
  if (lwipsim_scenario_load(rec->script, &sc, err, sizeof err) != 0) {
    fprintf(stderr, "lwipsim record: %s\n", err);
    return -1;
  }
  uint8_t dev[4] = {10, 77, 0, 2}, gw[4] = {0};
  rec->prefix = 24;
  for (size_t i = 0; i < sc.n_actions; i++) {
    const struct lwipsim_action *a = &sc.actions[i];
    if (a->kind == LWIPSIM_ACT_DHCP) {
      rec->uses_dhcp = 1;
    } else if (a->kind == LWIPSIM_ACT_STATIC) {
      memcpy(dev, a->addr, 4);
      memcpy(gw, a->gw, 4);
      rec->prefix = a->prefix_len;
    } else if (a->kind == LWIPSIM_ACT_MDNS_START && rec->hostname[0] == '\0') {
      snprintf(rec->hostname, sizeof rec->hostname, "%s", a->hostname);
    }
  }
  format_ip(rec->device_ip, dev, -1);
  if (gw[0] != 0) {
    format_ip(rec->peer_ip, gw, -1);
  } else {
    format_ip(rec->peer_ip, dev, dev[3] == 1 ? 254 : 1);
  }
  format_ip(rec->pool_lo, dev, 100);
  format_ip(rec->pool_hi, dev, 150);
  if (sc.has_device_mac) {
    const uint8_t *m = sc.device_mac;
    snprintf(rec->device_mac, sizeof rec->device_mac, "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3], m[4],
             m[5]);
  } else {
    snprintf(rec->device_mac, sizeof rec->device_mac, "%s", DEFAULT_DEVICE_MAC);
  }
  snprintf(rec->peer_mac, sizeof rec->peer_mac, "%s", PEER_MAC);
  rec->seed = sc.seed;
  if (sc.n_actions > 0 && sc.actions[sc.n_actions - 1].time_ms > (uint64_t)rec->duration_s * 1000u) {
    fprintf(stderr, "lwipsim record: %s:%d: action at %llu ms is past --duration %u s\n", sc.path,
            sc.actions[sc.n_actions - 1].line, (unsigned long long)sc.actions[sc.n_actions - 1].time_ms,
            rec->duration_s);
    lwipsim_scenario_free(&sc);
    return -1;
  }
  if (rec->prefix != 24) {
    fprintf(stderr, "lwipsim record: %s: the recorder's link is a /24; the script's static address has /%d\n",
            sc.path, rec->prefix);
    lwipsim_scenario_free(&sc);
    return -1;
  }
  lwipsim_scenario_free(&sc);
  return 0;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
  (void)st;
  (void)flag;
  (void)ftw;
  return remove(path);
}

static double elapsed_s(const struct timespec *t0)
{
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (double)(now.tv_sec - t0->tv_sec) + (double)(now.tv_nsec - t0->tv_nsec) / 1e9;
}

struct session {
  struct lwipsim_recording *rec;
  const struct lwipsim_cli *cli;
  struct lwipsim_procs procs;
  struct lwipsim_netns ns;
  pid_t capture, runner;
  unsigned curls;
};

static int start_link(struct session *s, char *err, size_t errlen)
{
  struct lwipsim_recording *rec = s->rec;
  char path[PATH_MAX + 32];
  if (lwipsim_netns_enter(&s->ns, rec->netns, err, errlen) != 0 ||
      lwipsim_netns_add_tap(LWIPSIM_REC_IFNAME, rec->peer_mac, rec->peer_ip, rec->prefix, err, errlen) != 0) {
    return -1;
  }
  snprintf(path, sizeof path, "%s/raw.pcap", rec->work);
  s->capture = lwipsim_capture_start(LWIPSIM_REC_IFNAME, path, err, errlen);
  if (s->capture < 0) {
    return -1;
  }
  lwipsim_procs_adopt(&s->procs, "capture", s->capture);
  if (lwipsim_peers_start_dnsmasq(&s->procs, rec, err, errlen) != 0) {
    return -1;
  }
  for (unsigned i = 0; i < rec->browsers; i++) {
    if (lwipsim_peers_start_avahi(&s->procs, rec, i, err, errlen) != 0) {
      return -1;
    }
  }
  return 0;
}

static int start_device(struct session *s, char *err, size_t errlen)
{
  struct lwipsim_recording *rec = s->rec;
  char self[PATH_MAX + 16], json[PATH_MAX + 32], origin[PATH_MAX + 32], log[PATH_MAX + 32], dur[32];
  snprintf(self, sizeof self, "%s/lwipsim", s->cli->bin_dir);
  snprintf(json, sizeof json, "%s/live-record.json", rec->work);
  snprintf(origin, sizeof origin, "%s/origin", rec->work);
  snprintf(log, sizeof log, "%s/runner.log", rec->work);
  snprintf(dur, sizeof dur, "%u", rec->duration_s);
  char *argv[24] = {self, "tap", "--profile", (char *)rec->profile, "--script", (char *)rec->script, "--ifname",
                    LWIPSIM_REC_IFNAME, "--device-mac", rec->device_mac, "--json", json, "--duration", dur,
                    "--origin-file", origin, NULL};
  if (rec->lwip != NULL) {
    argv[16] = "--lwip";
    argv[17] = (char *)rec->lwip;
    argv[18] = NULL;
  }
  s->runner = lwipsim_procs_spawn(&s->procs, "lwipsim tap", argv, log, NULL);
  if (s->runner < 0) {
    snprintf(err, errlen, "cannot start %s", self);
    return -1;
  }
  return 0;
}

/* The peers' timeline while the device runs; returns when the device's run
 * has ended (or Ctrl-C). */
static void run_workload(struct session *s)
{
  struct lwipsim_recording *rec = s->rec;
  struct timespec t0;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  int browsing = rec->browsers == 0, pinged = rec->ping_count == 0;
  double next_http = rec->http_clients > 0 ? rec->workload_at_s : 1e18;
  while (!interrupted) {
    double t = elapsed_s(&t0);
    int status;
    if (lwipsim_procs_wait(&s->procs, s->runner, 0, &status) == 0) {
      rec->runner_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      return;
    }
    if (t > rec->duration_s + 15.0) {
      fprintf(stderr, "lwipsim record: the device did not end at its duration; stopping it\n");
      lwipsim_procs_signal(&s->procs, s->runner, SIGINT);
    }
    if (!browsing && t >= rec->browse_at_s) {
      for (unsigned i = 0; i < rec->browsers; i++) {
        lwipsim_peers_start_browse(&s->procs, rec, i);
      }
      browsing = 1;
    }
    if (!pinged && t >= rec->workload_at_s) {
      lwipsim_peers_start_ping(&s->procs, rec);
      pinged = 1;
    }
    if (t >= next_http && next_http + 3.0 <= rec->duration_s) {
      for (unsigned k = 0; k < rec->http_clients; k++) {
        lwipsim_peers_start_curl(&s->procs, rec, ++s->curls);
      }
      next_http += rec->http_every_s;
    }
    lwipsim_sleep_ms(10);
  }
}

static int read_origin(struct lwipsim_recording *rec)
{
  char path[PATH_MAX + 32];
  snprintf(path, sizeof path, "%s/origin", rec->work);
  FILE *f = fopen(path, "r");
  unsigned long long us = 0;
  int ok = f != NULL && fscanf(f, "%llu", &us) == 1;
  if (f != NULL) {
    fclose(f);
  }
  rec->origin_us = us;
  return ok ? 0 : -1;
}

static int copy_file(const char *src, const char *dst)
{
  FILE *in = fopen(src, "rb"), *out = in ? fopen(dst, "wb") : NULL;
  char buf[65536];
  size_t n;
  int ok = in != NULL && out != NULL;
  while (ok && (n = fread(buf, 1, sizeof buf, in)) > 0) {
    ok = fwrite(buf, 1, n, out) == n;
  }
  if (in != NULL) {
    fclose(in);
  }
  if (out != NULL) {
    ok = fclose(out) == 0 && ok;
  }
  return ok ? 0 : -1;
}

/* Every frame the live device sent must be in the capture, or the replay
 * would feed the device a conversation with holes in it (libpcap drops
 * frames when the capture process is starved on a busy machine). */
static int check_capture_complete(const struct lwipsim_recording *rec, const char *record_path, char *err,
                                  size_t errlen)
{
  cJSON *r = lwipsim_json_load(record_path, err, errlen);
  if (r == NULL) {
    return -1;
  }
  long sent = lwipsim_jlong(cJSON_GetObjectItemCaseSensitive(r, "frames"), "transmitted", -1);
  cJSON_Delete(r);
  if (sent < 0) {
    snprintf(err, errlen, "%s: the live run's record has no frames.transmitted", record_path);
    return -1;
  }
  if (rec->capture.device_frames != (uint64_t)sent) {
    snprintf(err, errlen,
             "the capture holds %llu of the %ld frames the device sent: frames were lost (a busy machine?); "
             "record again",
             (unsigned long long)rec->capture.device_frames, sent);
    return -1;
  }
  return 0;
}

/* The scenario folder, from what the session left in the work dir. */
static int write_outputs(struct lwipsim_recording *rec, char *err, size_t errlen)
{
  char src[PATH_MAX + 32], dst[PATH_MAX + 32];
  if (read_origin(rec) != 0) {
    snprintf(err, errlen, "the device's run left no clock origin (see %s/runner.log)", rec->work);
    return -1;
  }
  if (mkdir(rec->out_dir, 0755) != 0 && errno != EEXIST) {
    snprintf(err, errlen, "%s: %s", rec->out_dir, strerror(errno));
    return -1;
  }
  snprintf(src, sizeof src, "%s/raw.pcap", rec->work);
  snprintf(dst, sizeof dst, "%s/capture.pcap", rec->out_dir);
  uint8_t mac[6];
  if (sscanf(rec->device_mac, "%hhx:%hhx:%hhx:%hhx:%hhx:%hhx", &mac[0], &mac[1], &mac[2], &mac[3], &mac[4], &mac[5]) !=
          6 ||
      lwipsim_capture_finish(src, dst, rec->origin_us, mac, &rec->capture, err, errlen) != 0) {
    return -1;
  }
  rec->capture_start_ms = rec->capture.frames ? (rec->capture.first_us - rec->origin_us) / 1000u : 0;
  snprintf(src, sizeof src, "%s/live-record.json", rec->work);
  snprintf(dst, sizeof dst, "%s/live-record.json", rec->out_dir);
  if (copy_file(src, dst) != 0) {
    snprintf(err, errlen, "the live run wrote no record (see %s/runner.log)", rec->work);
    return -1;
  }
  if (check_capture_complete(rec, dst, err, errlen) != 0) {
    return -1;
  }
  if (lwipsim_scenario_out_ini(rec, err, errlen) != 0 || lwipsim_scenario_out_readme(rec, err, errlen) != 0) {
    return -1;
  }
  return 0;
}

static void print_log(const char *work, const char *name)
{
  char path[PATH_MAX + 32], line[512];
  snprintf(path, sizeof path, "%s/%s", work, name);
  FILE *f = fopen(path, "r");
  while (f != NULL && fgets(line, sizeof line, f) != NULL) {
    fputs(line, stdout);
  }
  if (f != NULL) {
    fclose(f);
  }
}

static int record(struct session *s)
{
  struct lwipsim_recording *rec = s->rec;
  char err[PATH_MAX + 256];
  if (start_link(s, err, sizeof err) != 0 || start_device(s, err, sizeof err) != 0) {
    fprintf(stderr, "lwipsim record: %s\n", err);
    return 1;
  }
  printf("lwipsim record: device (%s) live on %s in netns %s for %u s\n", rec->profile, LWIPSIM_REC_IFNAME,
         rec->netns, rec->duration_s);
  fflush(stdout);
  run_workload(s);
  if (interrupted) {
    fprintf(stderr, "lwipsim record: interrupted; nothing written\n");
    return 130;
  }
  /* The capture stops first: no goodbye packets from peers shutting down. */
  lwipsim_procs_signal(&s->procs, s->capture, SIGTERM);
  lwipsim_procs_wait(&s->procs, s->capture, 5000, NULL);
  lwipsim_peers_collect(rec, s->curls);
  print_log(rec->work, "runner.log");
  if (write_outputs(rec, err, sizeof err) != 0) {
    fprintf(stderr, "lwipsim record: %s\n", err);
    return 1;
  }
  printf("lwipsim record: %s: %llu frames; HTTP %u/%u 200, ping %u/%u, browsers resolved %u/%u, DHCP ACKs %u\n",
         rec->out_dir, (unsigned long long)rec->capture.frames, rec->http_ok, rec->http_total, rec->ping_received,
         rec->ping_count, rec->browsers_resolved, rec->browsers, rec->dhcp_acks);
  return 0;
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
            geteuid() != 0 ? "needs root (it creates a network namespace and a TAP device)"
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
  if (derive_from_script(&rec) != 0) {
    return 2;
  }
  size_t used = 0;
  for (int i = 0; i < argc && used < sizeof rec.command_line; i++) {
    const char *q = strchr(argv[i], ' ') != NULL ? "'" : "";
    used += (size_t)snprintf(rec.command_line + used, sizeof rec.command_line - used, "%s%s%s%s",
                             i ? " " : "lwipsim ", q, argv[i], q);
  }
  snprintf(rec.work, sizeof rec.work, "/tmp/lwipsim-record.XXXXXX");
  if (mkdtemp(rec.work) == NULL) {
    perror("lwipsim record: mkdtemp");
    return 1;
  }
  chmod(rec.work, 0755); /* dnsmasq drops to nobody after opening its files */
  snprintf(rec.netns, sizeof rec.netns, "lwipsim-rec-%d", (int)getpid());

  struct sigaction sa = {.sa_handler = on_signal}, old_int, old_term;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, &old_int);
  sigaction(SIGTERM, &sa, &old_term);

  static struct session s;
  memset(&s, 0, sizeof s);
  s.rec = &rec;
  s.cli = cli;
  s.ns.orig_fd = -1;
  s.capture = s.runner = -1;
  rc = record(&s);

  /* Every path ends here: the device first (it writes its record), then
   * the rest, then the namespace and the work dir. */
  if (s.runner > 0) {
    lwipsim_procs_signal(&s.procs, s.runner, SIGINT);
    lwipsim_procs_wait(&s.procs, s.runner, 5000, NULL);
  }
  lwipsim_procs_stop_all(&s.procs);
  lwipsim_netns_leave(&s.ns);
  if (getenv("LWIPSIM_RECORD_KEEP") != NULL) {
    printf("lwipsim record: work dir kept: %s\n", rec.work);
  } else {
    nftw(rec.work, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
  }
  sigaction(SIGINT, &old_int, NULL);
  sigaction(SIGTERM, &old_term, NULL);
  return rc;
}
