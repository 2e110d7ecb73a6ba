/* http-get: a firmware POSTing or GETting to a server every few seconds, one
 * short connection each time, closed by the device once the response is in.
 * The side that closes first keeps the connection in TIME_WAIT, so repeated
 * gets build TIME_WAIT PCBs up in the TCP_PCB pool as on the device. */
#ifndef LWIPSIM_DEVICE_HTTP_CLIENT_H
#define LWIPSIM_DEVICE_HTTP_CLIENT_H

struct lwipsim_action;

int lwipsim_http_get(const struct lwipsim_action *a);

#endif
