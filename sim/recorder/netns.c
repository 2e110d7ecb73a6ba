#include "recorder/netns.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "recorder/procs.h"

static int ip(char *const argv[], char *err, size_t errlen)
{
  char out[256];
  int rc = lwipsim_run_capture(argv, out, sizeof out);
  if (rc != 0) {
    char line[256] = "";
    for (int i = 0; argv[i] != NULL; i++) {
      size_t used = strlen(line);
      snprintf(line + used, sizeof line - used, "%s%s", i ? " " : "", argv[i]);
    }
    snprintf(err, errlen, "`%s` failed (exit %d)", line, rc);
    return -1;
  }
  return 0;
}

int lwipsim_netns_enter(struct lwipsim_netns *ns, const char *name, char *err, size_t errlen)
{
  memset(ns, 0, sizeof *ns);
  ns->orig_fd = -1;
  snprintf(ns->name, sizeof ns->name, "%s", name);
  char *add[] = { "ip", "netns", "add", ns->name, NULL };
  if (ip(add, err, errlen) != 0) {
    return -1;
  }
  ns->created = 1;
  ns->orig_fd = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
  char path[128];
  snprintf(path, sizeof path, "/run/netns/%s", ns->name);
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (ns->orig_fd < 0 || fd < 0 || setns(fd, CLONE_NEWNET) != 0) {
    snprintf(err, errlen, "%s: cannot enter the new network namespace: %s", path, strerror(errno));
    if (fd >= 0) {
      close(fd);
    }
    return -1;
  }
  close(fd);
  char *lo[] = { "ip", "link", "set", "lo", "up", NULL };
  return ip(lo, err, errlen);
}

int lwipsim_netns_add_tap(const char *ifname, const char *peer_mac, const char *peer_ip, int prefix, char *err,
                          size_t errlen)
{
  char addr[64];
  snprintf(addr, sizeof addr, "%s/%d", peer_ip, prefix);
  char *tap[] = { "ip", "tuntap", "add", "dev", (char *)ifname, "mode", "tap", NULL };
  char *mac[] = { "ip", "link", "set", "dev", (char *)ifname, "address", (char *)peer_mac, NULL };
  char *ipa[] = { "ip", "addr", "add", addr, "dev", (char *)ifname, NULL };
  char *up[] = { "ip", "link", "set", "dev", (char *)ifname, "up", NULL };
  if (ip(tap, err, errlen) != 0 || ip(mac, err, errlen) != 0 || ip(ipa, err, errlen) != 0 || ip(up, err, errlen) != 0) {
    return -1;
  }
  return 0;
}

void lwipsim_netns_leave(struct lwipsim_netns *ns)
{
  if (ns->orig_fd >= 0) {
    if (setns(ns->orig_fd, CLONE_NEWNET) != 0) {
      fprintf(stderr, "lwipsim record: cannot return to the original network namespace: %s\n", strerror(errno));
    }
    close(ns->orig_fd);
    ns->orig_fd = -1;
  }
  if (ns->created) {
    char *del[] = { "ip", "netns", "del", ns->name, NULL };
    char err[256];
    if (ip(del, err, sizeof err) != 0) {
      fprintf(stderr, "lwipsim record: %s\n", err);
    }
    ns->created = 0;
  }
}
