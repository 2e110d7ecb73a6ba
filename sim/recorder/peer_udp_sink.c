/* lwipsim record: the UDP sink for the device's udp-send, a syslog or
 * telemetry collector that only counts. The recorder binds one socket per
 * port the script sends to (before the device starts, so no datagram meets
 * a closed port and draws an ICMP port unreachable), and a child of its own
 * reads it and logs one line per datagram. No extra package: a socket in the
 * recorder's namespace is all a sink is. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "recorder/peer_kinds.h"
#include "recorder/peers.h"
#include "recorder/procs.h"
#include "recorder/recording.h"

static void log_path(const struct lwipsim_recording *rec, uint16_t port, char *path, size_t len)
{
  snprintf(path, len, "%s/udp-sink-%u.log", rec->work, port);
}

/* The child: "datagram BYTES from ADDR:PORT" per datagram, until SIGTERM. */
static void sink_loop(int sock, int log_fd)
{
  static char buf[65536];
  for (;;) {
    struct sockaddr_in from;
    socklen_t flen = sizeof from;
    ssize_t n = recvfrom(sock, buf, sizeof buf, 0, (struct sockaddr *)&from, &flen);
    if (n < 0 && errno != EINTR) {
      _exit(1);
    }
    if (n >= 0) {
      char addr[INET_ADDRSTRLEN];
      inet_ntop(AF_INET, &from.sin_addr, addr, sizeof addr);
      dprintf(log_fd, "datagram %zd from %s:%u\n", n, addr, (unsigned)ntohs(from.sin_port));
    }
  }
}

static int start_one(struct lwipsim_procs *ps, const struct lwipsim_recording *rec, uint16_t port, char *err,
                     size_t errlen)
{
  char path[PATH_MAX + 32];
  log_path(rec, port, path, sizeof path);
  struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons(port) };
  int sock = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  int log_fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0644);
  if (sock < 0 || log_fd < 0 || inet_pton(AF_INET, rec->peer_ip, &sa.sin_addr) != 1 ||
      bind(sock, (struct sockaddr *)&sa, sizeof sa) != 0) {
    snprintf(err, errlen, "UDP sink on %s:%u: %s", rec->peer_ip, port, strerror(errno));
    if (sock >= 0) {
      close(sock);
    }
    if (log_fd >= 0) {
      close(log_fd);
    }
    return -1;
  }
  fflush(NULL);
  pid_t pid = fork();
  if (pid == 0) {
    setpgid(0, 0);
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    sink_loop(sock, log_fd);
  }
  close(sock);
  close(log_fd);
  if (pid < 0) {
    snprintf(err, errlen, "UDP sink: fork: %s", strerror(errno));
    return -1;
  }
  setpgid(pid, pid);
  lwipsim_procs_adopt(ps, "udp sink", pid);
  return 0;
}

int lwipsim_peer_udp_sink_start(struct lwipsim_procs *ps, const struct lwipsim_recording *rec, char *err, size_t errlen)
{
  for (size_t i = 0; i < rec->services.n_udp_ports; i++) {
    if (start_one(ps, rec, rec->services.udp_ports[i], err, errlen) != 0) {
      return -1;
    }
  }
  return 0;
}

void lwipsim_peer_udp_sink_collect(struct lwipsim_recording *rec)
{
  struct lwipsim_peer_services *sv = &rec->services;
  char path[PATH_MAX + 32], line[256];
  sv->udp_datagrams = 0;
  sv->udp_bytes = 0;
  for (size_t i = 0; i < sv->n_udp_ports; i++) {
    log_path(rec, sv->udp_ports[i], path, sizeof path);
    FILE *f = fopen(path, "r");
    while (f != NULL && fgets(line, sizeof line, f) != NULL) {
      unsigned long bytes;
      if (sscanf(line, "datagram %lu from", &bytes) == 1) {
        sv->udp_datagrams++;
        sv->udp_bytes += bytes;
      }
    }
    if (f != NULL) {
      fclose(f);
    }
  }
}
