#include "recorder/capture.h"

#include <errno.h>
#include <pcap/pcap.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#define SNAPLEN 262144

static volatile sig_atomic_t stop_capture;

static void on_term(int sig)
{
  (void)sig;
  stop_capture = 1;
}

static int capture_child(const char *ifname, const char *path, int ready_fd)
{
  char errbuf[PCAP_ERRBUF_SIZE] = "";
  pcap_t *p = pcap_create(ifname, errbuf);
  if (p == NULL) {
    dprintf(ready_fd, "%s: %s", ifname, errbuf);
    return 1;
  }
  /* Immediate mode: each frame is handed over as it arrives, so frames are
   * not held in a buffer that a stop could lose. */
  pcap_set_snaplen(p, SNAPLEN);
  pcap_set_immediate_mode(p, 1);
  /* A burst of parallel clients on a loaded machine must not outrun the
   * kernel's ring: the recorder checks afterwards that nothing was lost. */
  pcap_set_buffer_size(p, 16 << 20);
  pcap_set_promisc(p, 0);
  if (pcap_activate(p) < 0 || pcap_setnonblock(p, 1, errbuf) != 0) {
    dprintf(ready_fd, "%s: %s", ifname, pcap_geterr(p));
    pcap_close(p);
    return 1;
  }
  pcap_dumper_t *d = pcap_dump_open(p, path);
  if (d == NULL) {
    dprintf(ready_fd, "%s: %s", path, pcap_geterr(p));
    pcap_close(p);
    return 1;
  }
  if (write(ready_fd, "", 1) != 1) {
    return 1;
  }
  close(ready_fd);
  struct pollfd pfd = { .fd = pcap_get_selectable_fd(p), .events = POLLIN };
  while (!stop_capture) {
    poll(&pfd, 1, 100);
    pcap_dispatch(p, -1, pcap_dump, (u_char *)d);
  }
  pcap_dispatch(p, -1, pcap_dump, (u_char *)d);
  pcap_dump_close(d);
  pcap_close(p);
  return 0;
}

pid_t lwipsim_capture_start(const char *ifname, const char *path, char *err, size_t errlen)
{
  int fds[2];
  if (pipe(fds) != 0) {
    snprintf(err, errlen, "capture: pipe: %s", strerror(errno));
    return -1;
  }
  fflush(NULL);
  pid_t pid = fork();
  if (pid < 0) {
    snprintf(err, errlen, "capture: fork: %s", strerror(errno));
    close(fds[0]);
    close(fds[1]);
    return -1;
  }
  if (pid == 0) {
    close(fds[0]);
    setpgid(0, 0);
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    struct sigaction sa = { .sa_handler = on_term };
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    signal(SIGINT, SIG_IGN);
    _exit(capture_child(ifname, path, fds[1]));
  }
  close(fds[1]);
  /* One NUL byte: capturing. Anything else: the reason it could not. */
  char msg[PCAP_ERRBUF_SIZE + 64];
  ssize_t n;
  while ((n = read(fds[0], msg, sizeof msg - 1)) < 0 && errno == EINTR) {
  }
  close(fds[0]);
  if (n == 1 && msg[0] == '\0') {
    return pid;
  }
  msg[n > 0 ? n : 0] = '\0';
  snprintf(err, errlen, "capture on %s failed: %s", ifname, n > 0 ? msg : "the capture process died");
  return -1;
}

int lwipsim_capture_finish(const char *src, const char *dst, uint64_t origin_us, const uint8_t device_mac[6],
                           struct lwipsim_capture_summary *sum, char *err, size_t errlen)
{
  memset(sum, 0, sizeof *sum);
  char errbuf[PCAP_ERRBUF_SIZE] = "";
  pcap_t *in = pcap_open_offline_with_tstamp_precision(src, PCAP_TSTAMP_PRECISION_MICRO, errbuf);
  if (in == NULL) {
    snprintf(err, errlen, "%s: %s", src, errbuf);
    return -1;
  }
  pcap_dumper_t *out = pcap_dump_open(in, dst);
  if (out == NULL) {
    snprintf(err, errlen, "%s: %s", dst, pcap_geterr(in));
    pcap_close(in);
    return -1;
  }
  struct pcap_pkthdr *h;
  const u_char *data;
  int rc;
  while ((rc = pcap_next_ex(in, &h, &data)) == 1) {
    struct pcap_pkthdr copy = *h;
    uint64_t t = (uint64_t)h->ts.tv_sec * 1000000u + (uint64_t)h->ts.tv_usec;
    if (t < origin_us) {
      t = origin_us;
      copy.ts.tv_sec = (time_t)(t / 1000000u);
      copy.ts.tv_usec = (suseconds_t)(t % 1000000u);
      sum->clamped++;
    }
    if (sum->frames == 0) {
      sum->first_us = t;
    }
    sum->last_us = t;
    sum->frames++;
    sum->bytes += h->caplen;
    sum->device_frames += h->caplen >= 12 && memcmp(data + 6, device_mac, 6) == 0;
    pcap_dump((u_char *)out, &copy, data);
  }
  if (rc == PCAP_ERROR) {
    snprintf(err, errlen, "%s: %s", src, pcap_geterr(in));
  }
  pcap_dump_close(out);
  pcap_close(in);
  return rc == PCAP_ERROR ? -1 : 0;
}
