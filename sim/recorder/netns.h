/* The recorder's own network namespace with the TAP link in it. The
 * recorder moves itself into the namespace, so every peer it starts is
 * there and no interface outside it is ever touched. */
#ifndef LWIPSIM_NETNS_H
#define LWIPSIM_NETNS_H

#include <stddef.h>

struct lwipsim_netns {
  char name[64];
  int orig_fd; /* the namespace the recorder came from, -1 before enter */
  int created;
};

/* `ip netns add NAME`, then setns into it and bring lo up. Returns 0, or -1
 * with a one-line message in err. */
int lwipsim_netns_enter(struct lwipsim_netns *ns, const char *name, char *err, size_t errlen);
/* Creates the TAP IFNAME on the namespace's side: PEER_MAC, PEER_IP/PREFIX,
 * up. The device (the runner) attaches to it. */
int lwipsim_netns_add_tap(const char *ifname, const char *peer_mac, const char *peer_ip, int prefix, char *err,
                          size_t errlen);
/* Back to the original namespace, and the namespace deleted. Safe to call
 * twice and after a failed enter. */
void lwipsim_netns_leave(struct lwipsim_netns *ns);

#endif
