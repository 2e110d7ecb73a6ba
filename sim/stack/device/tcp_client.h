/* An outgoing TCP connection as firmware opens one: send a request line,
 * read until the peer closes, close. */
#ifndef LWIPSIM_TCP_CLIENT_H
#define LWIPSIM_TCP_CLIENT_H

#include <stdint.h>

int lwipsim_tcp_client_connect(const uint8_t addr[4], uint16_t port);

#endif
