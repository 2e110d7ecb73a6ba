/* A small HTTP server on lwIP's raw TCP API, holding PCBs the way a
 * firmware's socket server does: one listener, one PCB per client until the
 * response is sent and the connection closed. */
#ifndef LWIPSIM_HTTP_SERVER_H
#define LWIPSIM_HTTP_SERVER_H

#include <stdint.h>

/* Returns 0, or -1 with an event logged (no PCB, port in use). */
int lwipsim_http_listen(uint16_t port);
/* The app's turn (code.py's server.poll()): answers every complete request. */
void lwipsim_http_poll(void);

/* Closes the listener; connections in progress finish on their own. */
void lwipsim_http_close(void);
int lwipsim_http_listening(void);
uint16_t lwipsim_http_port(void);
uint32_t lwipsim_http_requests_served(void);

#endif
