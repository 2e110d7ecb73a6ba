/* lwipsim record: the live session. In a network namespace of its own, a
 * TAP link with the capture on it, the device (`lwipsim tap` with the
 * script) and the real peers on their timeline; every process and the
 * namespace are gone when it returns. */
#include "recorder/session.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "recorder/netns.h"
#include "recorder/outputs.h"
#include "recorder/peer_mqtt.h"
#include "recorder/peer_services.h"
#include "recorder/peers.h"
#include "recorder/procs.h"

static double elapsed_s(const struct timespec *t0)
{
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (double)(now.tv_sec - t0->tv_sec) + (double)(now.tv_nsec - t0->tv_nsec) / 1e9;
}

struct session {
  struct lwipsim_recording *rec;
  const char *bin_dir;
  volatile sig_atomic_t *interrupted; /* set by the command's SIGINT/SIGTERM handler */
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
  if (lwipsim_peers_start_dnsmasq(&s->procs, rec, err, errlen) != 0 ||
      lwipsim_peer_mqtt_start(&s->procs, rec, err, errlen) != 0) {
    return -1;
  }
  for (unsigned i = 0; i < rec->browsers; i++) {
    if (lwipsim_peers_start_avahi(&s->procs, rec, i, err, errlen) != 0) {
      return -1;
    }
  }
  return lwipsim_peer_services_start(&s->procs, rec, err, errlen);
}

static int start_device(struct session *s, char *err, size_t errlen)
{
  struct lwipsim_recording *rec = s->rec;
  char self[PATH_MAX + 16], json[PATH_MAX + 32], origin[PATH_MAX + 32], log[PATH_MAX + 32], dur[32];
  snprintf(self, sizeof self, "%s/lwipsim", s->bin_dir);
  snprintf(json, sizeof json, "%s/live-record.json", rec->work);
  snprintf(origin, sizeof origin, "%s/origin", rec->work);
  snprintf(log, sizeof log, "%s/runner.log", rec->work);
  snprintf(dur, sizeof dur, "%u", rec->duration_s);
  char *argv[24] = { self,
                     "tap",
                     "--profile",
                     (char *)rec->profile,
                     "--script",
                     (char *)rec->script,
                     "--ifname",
                     LWIPSIM_REC_IFNAME,
                     "--device-mac",
                     rec->device_mac,
                     "--json",
                     json,
                     "--duration",
                     dur,
                     "--origin-file",
                     origin };
  size_t n = 16; /* the options above */
  if (rec->lwip != NULL) {
    argv[n++] = "--lwip";
    argv[n++] = (char *)rec->lwip;
  }
  argv[n] = NULL;
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
  int browsing = rec->browsers == 0, pinged = rec->ping_count == 0, stopping = 0;
  double next_http = rec->http_clients > 0 ? rec->workload_at_s : 1e18;
  while (!*s->interrupted) {
    double t = elapsed_s(&t0);
    int status;
    if (lwipsim_procs_wait(&s->procs, s->runner, 0, &status) == 0) {
      rec->runner_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      return;
    }
    if (t > rec->duration_s + 15.0 && !stopping) {
      /* once: the runner writes its record on SIGINT, which takes a moment */
      fprintf(stderr, "lwipsim record: the device did not end at its duration; stopping it\n");
      lwipsim_procs_signal(&s->procs, s->runner, SIGINT);
      stopping = 1;
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

static int run_session(struct session *s)
{
  struct lwipsim_recording *rec = s->rec;
  char err[PATH_MAX + 256];
  if (start_link(s, err, sizeof err) != 0 || start_device(s, err, sizeof err) != 0) {
    fprintf(stderr, "lwipsim record: %s\n", err);
    return 1;
  }
  printf("lwipsim record: device (%s) live on %s in netns %s for %u s\n", rec->profile, LWIPSIM_REC_IFNAME, rec->netns,
         rec->duration_s);
  fflush(stdout);
  run_workload(s);
  if (*s->interrupted) {
    fprintf(stderr, "lwipsim record: interrupted; nothing written\n");
    return 130;
  }
  /* The capture stops first: no goodbye packets from peers shutting down. */
  lwipsim_procs_signal(&s->procs, s->capture, SIGTERM);
  lwipsim_procs_wait(&s->procs, s->capture, 5000, NULL);
  lwipsim_peers_collect(rec, s->curls);
  lwipsim_peer_mqtt_collect(rec);
  lwipsim_peer_services_collect(rec);
  print_log(rec->work, "runner.log");
  if (lwipsim_recording_write_outputs(rec, err, sizeof err) != 0) {
    fprintf(stderr, "lwipsim record: %s\n", err);
    return 1;
  }
  char services[256];
  lwipsim_peer_services_summary(rec, services, sizeof services);
  printf("lwipsim record: %s: %llu frames; HTTP %u/%u 200, ping %u/%u, browsers resolved %u/%u, DHCP ACKs %u%s\n",
         rec->out_dir, (unsigned long long)rec->capture.frames, rec->http_ok, rec->http_total, rec->ping_received,
         rec->ping_count, rec->browsers_resolved, rec->browsers, rec->dhcp_acks, services);
  char mqtt[256];
  lwipsim_peer_mqtt_summary(rec, mqtt, sizeof mqtt);
  if (mqtt[0] != '\0') {
    printf("lwipsim record: %s\n", mqtt);
  }
  return 0;
}

int lwipsim_recording_session(struct lwipsim_recording *rec, const char *bin_dir, volatile sig_atomic_t *interrupted)
{
  static struct session s;
  memset(&s, 0, sizeof s);
  s.rec = rec;
  s.bin_dir = bin_dir;
  s.interrupted = interrupted;
  s.ns.orig_fd = -1;
  s.capture = s.runner = -1;
  int rc = run_session(&s);

  /* Every path ends here: the device first (it writes its record), then
   * the rest, then the namespace. */
  if (s.runner > 0) {
    lwipsim_procs_signal(&s.procs, s.runner, SIGINT);
    lwipsim_procs_wait(&s.procs, s.runner, 5000, NULL);
  }
  lwipsim_procs_stop_all(&s.procs);
  lwipsim_netns_leave(&s.ns);
  return rc;
}
