/* A ring of the last things that happened, stamped with virtual time: what a
 * crash record shows as "last events". */
#ifndef LWIPSIM_EVENTS_H
#define LWIPSIM_EVENTS_H

void lwipsim_event_add(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
