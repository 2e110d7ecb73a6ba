#include "stack/device/http_server.h"

#include <stdio.h>
#include <string.h>

#include "lwip/opt.h"
#include "lwip/tcp.h"
#include "stack/state/events.h"
#include "stack/state/run_state.h"

#if LWIP_TCP

/* Enough to see the end of a GET's header block; a request that does not
 * fit is answered anyway, as a tolerant embedded server does. */
#define REQ_MAX 512
#define POLL_INTERVAL 4 /* x 500 ms: drop a client that stalls for 2 s */

/* The default response goes out as two sends, header block then body, as
 * adafruit_httpserver's Response does (send_headers, then the body; each a
 * socket send, which CircuitPython's socketpool turns into tcp_write +
 * tcp_output). With `page BYTES` the response is BYTES in all, header
 * included, handed to one socket send: one tcp_write of BYTES (arduino-pico
 * issue 725: 3851 bytes in one write on MEM_SIZE 4000). */
static const char default_body[] = "<html><body><h1>kittyfood</h1></body></html>\r\n";
static char head[160];
static char page[65535];
static const char *parts[2];
static u16_t part_len[2];
static int n_parts;
static int keepalive, retry_on_mem;
/* The default page is static text lwIP may reference (0); a page of the
 * script's size is a buffer the firmware hands to a socket send, which
 * copies it into pbufs from lwIP's heap (TCP_WRITE_FLAG_COPY, as
 * arduino-pico's WiFiClient::write and CircuitPython's socketpool do). */
static u8_t write_flags;

struct http_conn {
  char req[REQ_MAX];
  u16_t req_len;
  int answered;
  int ready;         /* whole request in: the app answers on its next poll */
  int parts_written; /* sends done: where a retry resumes */
  struct tcp_pcb *pcb;
};

static struct tcp_pcb *listener;
static struct lwipsim_http_options listen_options;
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

static err_t write_parts(struct tcp_pcb *pcb, struct http_conn *c);

static err_t on_sent(void *arg, struct tcp_pcb *pcb, u16_t len)
{
  (void)len;
  struct http_conn *c = arg;
  if (c == NULL || !c->answered) {
    return ERR_OK;
  }
  if (c->parts_written < n_parts) {
    /* the retry policy: sent data freed room, try the rest again */
    lwipsim_state->device.http_write_retried++;
    return write_parts(pcb, c);
  }
  if (tcp_sndqueuelen(pcb) != 0) {
    return ERR_OK;
  }
  if (keepalive) {
    /* the connection stays for the client's next request */
    c->answered = c->ready = c->parts_written = 0;
    c->req_len = 0;
    c->req[0] = '\0';
    return ERR_OK;
  }
  return conn_close(pcb, c);
}

/* Writes what is left of the response. A refusal (ERR_MEM: heap, send
 * buffer or queue) is counted and handled by the firmware's policy: drop
 * the connection, or (retry) wait for lwIP's sent callback or poll. */
static err_t write_parts(struct tcp_pcb *pcb, struct http_conn *c)
{
  while (c->parts_written < n_parts) {
    int i = c->parts_written;
    const u16_t *lens = part_len;
    err_t err = tcp_write(pcb, parts[i], lens[i], write_flags);
    if (err != ERR_OK) {
      lwipsim_state->device.http_write_refused++;
      if (retry_on_mem && err == ERR_MEM) {
        lwipsim_event_add("http: tcp_write of %u bytes refused (ERR_MEM), retrying later", lens[i]);
        tcp_output(pcb);
        return ERR_OK;
      }
      lwipsim_event_add("http: tcp_write of %u bytes refused (err %d), closing", lens[i], (int)err);
      lwipsim_state->device.http_dropped++;
      return conn_close(pcb, c);
    }
    tcp_output(pcb);
    c->parts_written++;
  }
  served++;
  lwipsim_state->device.http_answered++;
  return ERR_OK;
}

static err_t answer(struct tcp_pcb *pcb, struct http_conn *c)
{
  c->answered = 1;
  c->parts_written = 0;
  return write_parts(pcb, c);
}

/* A request became whole since the last poll: the poll runs after every
 * frame and timer pass, and most have nothing for the app (issue 12: the
 * scan of every slot on each call was a visible share of a long replay). */
int lwipsim_http_have_ready;

void lwipsim_http_answer_ready(void)
{
  lwipsim_http_have_ready = 0;
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
    if (!c->ready && (strstr(c->req, "\r\n\r\n") != NULL || c->req_len == REQ_MAX - 1)) {
      lwipsim_state->device.http_requests++;
      /* CircuitPython's socketpool only queues the data here; code.py reads
       * it and answers from the VM, after lwIP's input processing (lwIP
       * would hold back, and merge, output made from inside tcp_input). */
      c->ready = 1;
      c->pcb = pcb;
      lwipsim_http_have_ready = 1;
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
  struct http_conn *c = arg;
  if (c != NULL && c->answered && c->parts_written < n_parts && retry_on_mem) {
    lwipsim_state->device.http_write_retried++;
    return write_parts(pcb, c); /* nothing was in flight to call on_sent */
  }
  if (c != NULL && keepalive && !c->answered && c->req_len == 0) {
    return ERR_OK; /* an idle kept-alive client: the client closes it */
  }
  if (c != NULL && c->answered && c->parts_written < n_parts) {
    lwipsim_state->device.http_dropped++;
  }
  return conn_close(pcb, c);
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

/* The response for http-listen's options: the header names the body's
 * length and whether the connection stays. */
static void set_response(const struct lwipsim_http_options *o)
{
  keepalive = o->keepalive;
  retry_on_mem = o->retry_on_mem;
  const char *connection = keepalive ? "keep-alive" : "close";
  if (o->page_bytes == 0) {
    u16_t body_len = sizeof default_body - 1;
    int n = snprintf(head, sizeof head,
                     "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %u\r\nConnection: %s\r\n\r\n",
                     (unsigned)body_len, connection);
    parts[0] = head;
    part_len[0] = (u16_t)n;
    parts[1] = default_body;
    part_len[1] = body_len;
    n_parts = 2;
    write_flags = 0;
    return;
  }
  /* header, then a body of 'x' filling the page to page_bytes: the header's
   * Content-Length counts its own digits, so it is settled by trying */
  unsigned total = o->page_bytes, body = 0;
  int n = 0;
  for (int tries = 0; tries < 3; tries++) {
    n = snprintf(head, sizeof head,
                 "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %u\r\nConnection: %s\r\n\r\n", body,
                 connection);
    body = total > (unsigned)n ? total - (unsigned)n : 0;
  }
  memcpy(page, head, (size_t)n < total ? (size_t)n : total);
  if (total > (unsigned)n) {
    memset(page + n, 'x', body);
  }
  parts[0] = page;
  part_len[0] = (u16_t)total;
  n_parts = 1;
  write_flags = TCP_WRITE_FLAG_COPY;
}

int lwipsim_http_listen(const struct lwipsim_http_options *o)
{
  uint16_t port = o->port;
  if (listener != NULL) {
    return 0;
  }
  set_response(o);
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
  if (o->netif != NULL) {
    tcp_bind_netif(pcb, o->netif); /* a socket bound to one interface (SO_BINDTODEVICE) */
  }
  struct tcp_pcb *l = tcp_listen(pcb);
  if (l == NULL) {
    lwipsim_event_add("http: tcp_listen failed (TCP_PCB_LISTEN pool empty)");
    tcp_close(pcb);
    return -1;
  }
  tcp_accept(l, on_accept);
  listener = l;
  listen_options = *o;
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

int lwipsim_http_listen(const struct lwipsim_http_options *o)
{
  lwipsim_event_add("http: profile has LWIP_TCP 0, cannot listen on %u", o->port);
  return -1;
}
void lwipsim_http_close(void) {}
int lwipsim_http_have_ready;
void lwipsim_http_answer_ready(void) {}
static struct lwipsim_http_options listen_options;
static uint32_t served;
static void *listener;

#endif

int lwipsim_http_listening(void) { return listener != NULL; }
const struct lwipsim_http_options *lwipsim_http_options(void) { return &listen_options; }
uint32_t lwipsim_http_requests_served(void) { return served; }
