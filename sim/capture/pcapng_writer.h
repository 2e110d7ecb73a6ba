/* A pcapng file with interfaces of our own naming and a comment on any
 * packet (opt_comment): what `replay --pcapng-out` writes for Wireshark.
 *
 * Written by hand, a few block types (pcapng, draft-ietf-opsawg-pcapng:
 * SHB, IDB, EPB): libpcap 1.10's writer (pcap_dump) writes classic pcap only
 * and has no way to attach a comment to a packet. */
#ifndef LWIPSIM_PCAPNG_WRITER_H
#define LWIPSIM_PCAPNG_WRITER_H

#include <stddef.h>
#include <stdint.h>

struct lwipsim_pcapng_writer;

/* Writes the section header and one Ethernet interface per name (at most
 * 4). Returns 0, or -1 with "PATH: problem" in err. */
int lwipsim_pcapng_open(const char *path, const char *const *interface_names, unsigned n_interfaces,
                        struct lwipsim_pcapng_writer **out, char *err, size_t errlen);

/* Queues a packet on an interface at an absolute time (microseconds since
 * the epoch). It is written when the next one comes or at finish, so that a
 * comment can still be added to it. */
void lwipsim_pcapng_packet(struct lwipsim_pcapng_writer *w, unsigned interface, uint64_t time_us, const uint8_t *data,
                           uint32_t len);

/* Adds a comment to the last packet queued (or to the first one, before any
 * packet). Comments of one packet are kept in order; each is one option. */
void lwipsim_pcapng_comment(struct lwipsim_pcapng_writer *w, const char *text);

/* Writes what is queued, closes and frees w; 0, or -1 with "PATH: write
 * failed (REASON)" when any byte did not reach the file. */
int lwipsim_pcapng_finish(struct lwipsim_pcapng_writer *w, char *err, size_t errlen);

/* Closes without writing what is queued: for an output being abandoned. */
void lwipsim_pcapng_close(struct lwipsim_pcapng_writer *w);

#endif
