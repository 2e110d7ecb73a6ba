#include "stack/device/http_client.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lwip/opt.h"
#include "lwip/tcp.h"
#include "scenario/scenario.h"
#include "stack/state/events.h"

#if LWIP_TCP && LWIP_IPV4

/* One request in flight per get; a get whose connection never completes
 * stays with lwIP until lwIP gives up on it (on_err). */
struct get {
  char request[256];
  size_t header_bytes; /* response bytes up to and including the blank line; 0 until seen */
  long content_length; /* -1 until the header says */
  size_t received;
  char head[512]; /* the response's first bytes, to find the header's end */
  size_t head_len;
};

/* Returns ERR_ABRT when the PCB had to be aborted: the callback must then
 * return ERR_ABRT, or lwIP goes on using the freed PCB (as http_server.c's
 * conn_close). */
static err_t finish(struct tcp_pcb *pcb, struct get *g)
{
  tcp_arg(pcb, NULL);
  tcp_recv(pcb, NULL);
  tcp_err(pcb, NULL);
  free(g);
  if (tcp_close(pcb) != ERR_OK) {
    tcp_abort(pcb);
    return ERR_ABRT;
  }
  return ERR_OK;
}

/* Whether the whole response is in: the header's Content-Length, counted
 * from the end of the header. Without one, the peer's close ends it. */
static int complete(struct get *g, const struct pbuf *p)
{
  g->received += p->tot_len;
  if (g->header_bytes == 0) {
    size_t room = sizeof g->head - 1 - g->head_len;
    size_t take = p->tot_len < room ? p->tot_len : room;
    pbuf_copy_partial(p, g->head + g->head_len, (u16_t)take, 0);
    g->head_len += take;
    g->head[g->head_len] = '\0';
    const char *end = strstr(g->head, "\r\n\r\n");
    if (end == NULL) {
      return 0;
    }
    g->header_bytes = (size_t)(end - g->head) + 4;
    const char *cl = strstr(g->head, "Content-Length:");
    if (cl == NULL) {
      cl = strstr(g->head, "content-length:");
    }
    g->content_length = cl != NULL && cl < end ? strtol(cl + 15, NULL, 10) : -1;
  }
  return g->content_length >= 0 && g->received >= g->header_bytes + (size_t)g->content_length;
}

static err_t on_recv(void *arg, struct tcp_pcb *pcb, struct pbuf *p, err_t err)
{
  struct get *g = arg;
  if (p == NULL || err != ERR_OK) {
    if (p != NULL) {
      pbuf_free(p);
    }
    return finish(pcb, g); /* the server closed first: it keeps the TIME_WAIT */
  }
  tcp_recved(pcb, p->tot_len);
  int done = complete(g, p);
  pbuf_free(p);
  return done ? finish(pcb, g) : ERR_OK;
}

static void on_err(void *arg, err_t err)
{
  free(arg);
  lwipsim_event_add("http-get: connection failed (err %d)", (int)err);
}

static err_t on_connected(void *arg, struct tcp_pcb *pcb, err_t err)
{
  struct get *g = arg;
  if (err != ERR_OK) {
    return err;
  }
  tcp_recv(pcb, on_recv);
  if (tcp_write(pcb, g->request, strlen(g->request), TCP_WRITE_FLAG_COPY) != ERR_OK) {
    lwipsim_event_add("http-get: tcp_write refused the request");
    return finish(pcb, g);
  }
  tcp_output(pcb);
  return ERR_OK;
}

int lwipsim_http_get(const struct lwipsim_action *a)
{
  struct get *g = calloc(1, sizeof *g);
  if (g == NULL) {
    return -1;
  }
  g->content_length = -1;
  /* No "Connection: close": a server told that closes right after its
   * response (RFC 9112 9.6), its FIN races the device's close and usually
   * comes with the body, so the server would keep the TIME_WAIT. Without
   * it an HTTP/1.1 server keeps the connection for another request and the
   * device, done after Content-Length bytes, closes first. (Arduino's
   * HTTPClient, ESP8266 core and its ports, asks for "Connection: keep-alive"
   * while its reuse flag is set, then the sketch's end() closes.) */
  snprintf(g->request, sizeof g->request, "GET %s HTTP/1.1\r\nHost: %u.%u.%u.%u\r\n\r\n", a->name, a->addr[0],
           a->addr[1], a->addr[2], a->addr[3]);
  struct tcp_pcb *pcb = tcp_new();
  if (pcb == NULL) {
    free(g);
    lwipsim_event_add("http-get: tcp_new failed (TCP_PCB pool empty)");
    return -1;
  }
  ip_addr_t ip;
  IP_ADDR4(&ip, a->addr[0], a->addr[1], a->addr[2], a->addr[3]);
  tcp_arg(pcb, g);
  tcp_err(pcb, on_err);
  if (tcp_connect(pcb, &ip, a->port, on_connected) != ERR_OK) {
    lwipsim_event_add("http-get: tcp_connect failed");
    tcp_arg(pcb, NULL);
    tcp_abort(pcb);
    free(g);
    return -1;
  }
  return 0;
}

#else

int lwipsim_http_get(const struct lwipsim_action *a)
{
  (void)a;
  return -1;
}

#endif
