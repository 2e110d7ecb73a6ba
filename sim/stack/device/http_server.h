/* A small HTTP server on lwIP's raw TCP API, holding PCBs the way a
 * firmware's socket server does: one listener, one PCB per client until the
 * response is sent and the connection closed. */
#ifndef LWIPSIM_HTTP_SERVER_H
#define LWIPSIM_HTTP_SERVER_H

#include <stdint.h>

struct netif;

struct lwipsim_http_options {
  uint16_t port;
  uint32_t page_bytes; /* the body, written in one tcp_write; 0: the default 46-byte page */
  int keepalive;       /* keep connections open for the next request */
  int retry_on_mem;    /* on a refused tcp_write: retry when lwIP has room (else close) */
  struct netif *netif; /* "on sta|ap": the listener takes only this netif's connections (tcp_bind_netif); NULL: any */
};

/* Returns 0, or -1 with an event logged (no PCB, port in use). */
int lwipsim_http_listen(const struct lwipsim_http_options *o);
/* The options the listener was opened with (a reload opens it again). */
const struct lwipsim_http_options *lwipsim_http_options(void);
/* The app's turn (code.py's server.poll()): answers every complete request.
 * It comes after every frame and timer pass, and a request became whole
 * since the last one (lwipsim_http_have_ready, set by http_server.c alone)
 * in few of them: the question is inline, the answers are not. */
extern int lwipsim_http_have_ready;
void lwipsim_http_answer_ready(void);
static inline void lwipsim_http_poll(void)
{
  if (lwipsim_http_have_ready) {
    lwipsim_http_answer_ready();
  }
}

/* Closes the listener; connections in progress finish on their own. */
void lwipsim_http_close(void);
int lwipsim_http_listening(void);
uint32_t lwipsim_http_requests_served(void);

#endif
