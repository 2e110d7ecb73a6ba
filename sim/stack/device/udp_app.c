#include "stack/device/udp_app.h"

#include <string.h>

#include "lwip/opt.h"
#include "lwip/pbuf.h"
#include "lwip/udp.h"
#include "scenario/scenario.h"
#include "stack/state/events.h"

#if LWIP_UDP

/* A firmware has a handful of sockets; a script that opens more is
 * reported, not grown into. */
#define MAX_SOCKETS 16

struct socket {
  struct udp_pcb *pcb;
  int line;      /* the script line of a sender: repeats share its PCB */
  uint16_t port; /* a listener's port */
};

static struct socket listeners[MAX_SOCKETS], senders[MAX_SOCKETS];

static void on_recv(void *arg, struct udp_pcb *pcb, struct pbuf *p, const ip_addr_t *addr, u16_t port)
{
  (void)arg;
  (void)pcb;
  (void)addr;
  (void)port;
  pbuf_free(p); /* read and dropped, as an application that only counts */
}

int lwipsim_udp_listen(uint16_t port)
{
  struct socket *free_slot = NULL;
  for (int i = 0; i < MAX_SOCKETS; i++) {
    if (listeners[i].pcb != NULL && listeners[i].port == port) {
      lwipsim_event_add("udp-listen: port %u is already bound", port);
      return -1;
    }
    if (listeners[i].pcb == NULL && free_slot == NULL) {
      free_slot = &listeners[i];
    }
  }
  if (free_slot == NULL) {
    lwipsim_event_add("udp-listen: more than %d sockets in the script", MAX_SOCKETS);
    return -1;
  }
  struct udp_pcb *pcb = udp_new();
  if (pcb == NULL) {
    lwipsim_event_add("udp-listen: udp_new failed (UDP_PCB pool empty)");
    return -1;
  }
  if (udp_bind(pcb, IP_ANY_TYPE, port) != ERR_OK) {
    lwipsim_event_add("udp-listen: udp_bind to %u failed", port);
    udp_remove(pcb);
    return -1;
  }
  udp_recv(pcb, on_recv, NULL);
  *free_slot = (struct socket){ .pcb = pcb, .port = port };
  return 0;
}

int lwipsim_udp_close(uint16_t port)
{
  for (int i = 0; i < MAX_SOCKETS; i++) {
    if (listeners[i].pcb != NULL && listeners[i].port == port) {
      udp_remove(listeners[i].pcb);
      listeners[i].pcb = NULL;
      return 0;
    }
  }
  lwipsim_event_add("udp-close: nothing listens on port %u", port);
  return -1;
}

#if LWIP_IPV4
static struct udp_pcb *sender_for(int line)
{
  struct socket *free_slot = NULL;
  for (int i = 0; i < MAX_SOCKETS; i++) {
    if (senders[i].pcb != NULL && senders[i].line == line) {
      return senders[i].pcb;
    }
    if (senders[i].pcb == NULL && free_slot == NULL) {
      free_slot = &senders[i];
    }
  }
  if (free_slot == NULL) {
    lwipsim_event_add("udp-send: more than %d sending sockets in the script", MAX_SOCKETS);
    return NULL;
  }
  struct udp_pcb *pcb = udp_new();
  if (pcb == NULL) {
    lwipsim_event_add("udp-send: udp_new failed (UDP_PCB pool empty)");
    return NULL;
  }
  *free_slot = (struct socket){ .pcb = pcb, .line = line };
  return pcb;
}

#endif

int lwipsim_udp_send(const struct lwipsim_action *a)
{
#if LWIP_IPV4
  struct udp_pcb *pcb = sender_for(a->line);
  if (pcb == NULL) {
    return -1;
  }
  struct pbuf *p = pbuf_alloc(PBUF_TRANSPORT, (u16_t)a->bytes, PBUF_RAM);
  if (p == NULL) {
    lwipsim_event_add("udp-send: pbuf_alloc of %u bytes failed (heap)", (unsigned)a->bytes);
    return -1;
  }
  memset(p->payload, 'x', a->bytes);
  ip_addr_t to;
  IP_ADDR4(&to, a->addr[0], a->addr[1], a->addr[2], a->addr[3]);
  err_t err = udp_sendto(pcb, p, &to, a->port);
  pbuf_free(p);
  if (err != ERR_OK) {
    lwipsim_event_add("udp-send: udp_sendto failed (err %d)", (int)err);
    return -1;
  }
  return 0;
#else
  (void)a;
  return -1;
#endif
}

void lwipsim_udp_reset(void)
{
  memset(listeners, 0, sizeof listeners);
  memset(senders, 0, sizeof senders);
}

#else /* !LWIP_UDP: the script check refuses these actions before a run */

int lwipsim_udp_listen(uint16_t port)
{
  (void)port;
  return -1;
}
int lwipsim_udp_close(uint16_t port)
{
  (void)port;
  return -1;
}
int lwipsim_udp_send(const struct lwipsim_action *a)
{
  (void)a;
  return -1;
}
void lwipsim_udp_reset(void) {}

#endif
