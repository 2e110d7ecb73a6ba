#include "stack/device/http_server.h"

#include <string.h>

#include "lwip/opt.h"
#include "lwip/tcp.h"
#include "stack/state/events.h"

#if LWIP_TCP

/* Enough to see the end of a GET's header block; a request that does not
 * fit is answered anyway, as a tolerant embedded server does. */
#define REQ_MAX 512
#define POLL_INTERVAL 4 /* x 500 ms: drop a client that stalls for 2 s */

/* Header block and body go out as two sends, as adafruit_httpserver's
 * Response does (send_headers, then the body; each a socket send, which
 * CircuitPython's socketpool turns into tcp_write + tcp_output). */
static const char head[] =
    "HTTP/1.1 200 OK\r\n"
    "Content-Type: text/html\r\n"
    "Content-Length: 46\r\n"
    "Connection: close\r\n"
    "\r\n";
static const char body[] = "<html><body><h1>kittyfood</h1></body></html>\r\n";

struct http_conn {
  char req[REQ_MAX];
  u16_t req_len;
  int answered;
  int ready;            /* whole request in: the app answers on its next poll */
  struct tcp_pcb *pcb;
};

static struct tcp_pcb *listener;
static uint16_t listen_port;
static uint32_t served;

/* Static pool of connection states: the sim must not allocate in ways the
 * firmware would not, and lwIP's pools are what we measure. */
#define MAX_CONNS 16
static struct http_conn conns[MAX_CONNS];
static int conn_used[MAX_CONNS];

static struct http_conn *conn_alloc(void)
{
  for (int i = 0; i < MAX_CONNS; i++) {
    if (!conn_used[i]) {
      conn_used[i] = 1;
      memset(&conns[i], 0, sizeof conns[i]);
      return &conns[i];
    }
  }
  return NULL;
}

static void conn_free(struct http_conn *c)
{
  if (c != NULL) {
    conn_used[c - conns] = 0;
  }
}

/* Returns ERR_ABRT when the PCB had to be aborted: a callback must then
 * return ERR_ABRT too, or lwIP goes on using the freed PCB. */
static err_t conn_close(struct tcp_pcb *pcb, struct http_conn *c)
{
  tcp_arg(pcb, NULL);
  tcp_recv(pcb, NULL);
  tcp_err(pcb, NULL);
  tcp_poll(pcb, NULL, 0);
  tcp_sent(pcb, NULL);
  conn_free(c);
  if (tcp_close(pcb) != ERR_OK) {
    tcp_abort(pcb);
    return ERR_ABRT;
  }
  return ERR_OK;
}

static err_t on_sent(void *arg, struct tcp_pcb *pcb, u16_t len)
{
  (void)len;
  struct http_conn *c = arg;
  if (c != NULL && c->answered && tcp_sndqueuelen(pcb) == 0) {
    return conn_close(pcb, c);
  }
  return ERR_OK;
}

static err_t answer(struct tcp_pcb *pcb, struct http_conn *c)
{
  c->answered = 1;
  static const char *const parts[] = {head, body};
  static const u16_t lens[] = {sizeof head - 1, sizeof body - 1};
  for (int i = 0; i < 2; i++) {
    if (tcp_write(pcb, parts[i], lens[i], 0) != ERR_OK) {
      lwipsim_event_add("http: tcp_write failed, closing");
      return conn_close(pcb, c);
    }
    tcp_output(pcb);
  }
  served++;
  return ERR_OK;
}

void lwipsim_http_poll(void)
{
  for (int i = 0; i < MAX_CONNS; i++) {
    if (conn_used[i] && conns[i].ready && !conns[i].answered) {
      answer(conns[i].pcb, &conns[i]);
    }
  }
}

static err_t on_recv(void *arg, struct tcp_pcb *pcb, struct pbuf *p, err_t err)
{
  struct http_conn *c = arg;
  if (p == NULL || err != ERR_OK) {
    if (p != NULL) {
      pbuf_free(p);
    }
    if (p == NULL && c != NULL && c->ready && !c->answered) {
      return ERR_OK; /* the peer is done sending; the app still answers, then closes */
    }
    return conn_close(pcb, c);
  }
  tcp_recved(pcb, p->tot_len);
  err_t rc = ERR_OK;
  if (c != NULL && !c->answered) {
    u16_t room = (u16_t)(REQ_MAX - 1 - c->req_len);
    u16_t n = pbuf_copy_partial(p, c->req + c->req_len, room, 0);
    c->req_len = (u16_t)(c->req_len + n);
    c->req[c->req_len] = '\0';
    if (strstr(c->req, "\r\n\r\n") != NULL || c->req_len == REQ_MAX - 1) {
      /* CircuitPython's socketpool only queues the data here; code.py reads
       * it and answers from the VM, after lwIP's input processing (lwIP
       * would hold back, and merge, output made from inside tcp_input). */
      c->ready = 1;
      c->pcb = pcb;
    }
  }
  pbuf_free(p);
  return rc;
}

static void on_err(void *arg, err_t err)
{
  (void)err;
  conn_free(arg); /* lwIP has freed the PCB already */
}

static err_t on_poll(void *arg, struct tcp_pcb *pcb)
{
  return conn_close(pcb, arg);
}

static err_t on_accept(void *arg, struct tcp_pcb *pcb, err_t err)
{
  (void)arg;
  if (err != ERR_OK || pcb == NULL) {
    return ERR_VAL;
  }
  struct http_conn *c = conn_alloc();
  if (c == NULL) {
    lwipsim_event_add("http: no connection slot, refusing");
    tcp_abort(pcb);
    return ERR_ABRT;
  }
  tcp_arg(pcb, c);
  tcp_recv(pcb, on_recv);
  tcp_sent(pcb, on_sent);
  tcp_err(pcb, on_err);
  tcp_poll(pcb, on_poll, POLL_INTERVAL);
  return ERR_OK;
}

int lwipsim_http_listen(uint16_t port)
{
  if (listener != NULL) {
    return 0;
  }
  struct tcp_pcb *pcb = tcp_new();
  if (pcb == NULL) {
    lwipsim_event_add("http: tcp_new failed (TCP_PCB pool empty)");
    return -1;
  }
#if SO_REUSE
  /* adafruit_httpserver sets SO_REUSEADDR on CircuitPython >= 9
   * (adafruit/Adafruit_CircuitPython_HTTPServer#84; the raspberrypi port maps
   * it to SOF_REUSEADDR since adafruit/circuitpython#9084): a reload must
   * rebind :80 while served connections sit in TIME_WAIT. */
  ip_set_option(pcb, SOF_REUSEADDR);
#endif
  if (tcp_bind(pcb, IP_ANY_TYPE, port) != ERR_OK) {
    lwipsim_event_add("http: bind to port %u failed", port);
    tcp_close(pcb);
    return -1;
  }
  struct tcp_pcb *l = tcp_listen(pcb);
  if (l == NULL) {
    lwipsim_event_add("http: tcp_listen failed (TCP_PCB_LISTEN pool empty)");
    tcp_close(pcb);
    return -1;
  }
  tcp_accept(l, on_accept);
  listener = l;
  listen_port = port;
  return 0;
}

void lwipsim_http_close(void)
{
  if (listener != NULL) {
    tcp_close(listener);
    listener = NULL;
  }
}

#else /* !LWIP_TCP */

int lwipsim_http_listen(uint16_t port)
{
  lwipsim_event_add("http: profile has LWIP_TCP 0, cannot listen on %u", port);
  return -1;
}
void lwipsim_http_close(void) {}
void lwipsim_http_poll(void) {}
static uint16_t listen_port;
static uint32_t served;
static void *listener;

#endif

int lwipsim_http_listening(void) { return listener != NULL; }
uint16_t lwipsim_http_port(void) { return listen_port; }
uint32_t lwipsim_http_requests_served(void) { return served; }
