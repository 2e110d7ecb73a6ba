#include "stack/device/tcp_client.h"

#include "lwip/opt.h"
#include "lwip/tcp.h"
#include "stack/state/events.h"

#if LWIP_TCP && LWIP_IPV4

static const char request[] = "GET / HTTP/1.0\r\n\r\n";

static err_t on_recv(void *arg, struct tcp_pcb *pcb, struct pbuf *p, err_t err)
{
  (void)arg;
  if (p == NULL || err != ERR_OK) {
    if (p != NULL) {
      pbuf_free(p);
    }
    if (tcp_close(pcb) != ERR_OK) {
      tcp_abort(pcb);
      return ERR_ABRT;
    }
    return ERR_OK;
  }
  tcp_recved(pcb, p->tot_len);
  pbuf_free(p);
  return ERR_OK;
}

static void on_err(void *arg, err_t err)
{
  (void)arg;
  lwipsim_event_add("tcp-connect: connection failed (err %d)", (int)err);
}

static err_t on_connected(void *arg, struct tcp_pcb *pcb, err_t err)
{
  (void)arg;
  if (err != ERR_OK) {
    return err;
  }
  tcp_recv(pcb, on_recv);
  tcp_write(pcb, request, sizeof request - 1, 0);
  tcp_output(pcb);
  return ERR_OK;
}

int lwipsim_tcp_client_connect(const uint8_t addr[4], uint16_t port)
{
  struct tcp_pcb *pcb = tcp_new();
  if (pcb == NULL) {
    lwipsim_event_add("tcp-connect: tcp_new failed (TCP_PCB pool empty)");
    return -1;
  }
  ip_addr_t ip;
  IP_ADDR4(&ip, addr[0], addr[1], addr[2], addr[3]);
  tcp_err(pcb, on_err);
  if (tcp_connect(pcb, &ip, port, on_connected) != ERR_OK) {
    lwipsim_event_add("tcp-connect: tcp_connect failed");
    tcp_abort(pcb);
    return -1;
  }
  return 0;
}

#else

int lwipsim_tcp_client_connect(const uint8_t addr[4], uint16_t port)
{
  (void)addr;
  lwipsim_event_add("tcp-connect: profile has no IPv4 TCP (port %u)", port);
  return -1;
}

#endif
