/* Writes the frames the simulated stack transmits to a pcap file (EN10MB). */
#ifndef LWIPSIM_PCAP_WRITER_H
#define LWIPSIM_PCAP_WRITER_H

#include <stddef.h>
#include <stdint.h>

struct lwipsim_pcap_writer;

/* Returns 0, or -1 with a one-line message in err. */
int lwipsim_pcap_writer_open(const char *path, struct lwipsim_pcap_writer **out, char *err, size_t errlen);
/* time_us is virtual time. */
void lwipsim_pcap_writer_write(struct lwipsim_pcap_writer *w, uint64_t time_us, const uint8_t *data, uint32_t len);
/* Pushes buffered frames to the file; returns 0, or -1 with a one-line message
 * in err when a write failed (writes themselves cannot report errors). */
int lwipsim_pcap_writer_flush(struct lwipsim_pcap_writer *w, char *err, size_t errlen);
/* Closes without checking: for an output being abandoned. */
void lwipsim_pcap_writer_close(struct lwipsim_pcap_writer *w);
/* Flushes, closes and frees w; returns 0, or -1 with "PATH: write failed (REASON)"
 * in err when any byte did not reach the file (a full disk, /dev/full). The
 * writer is freed either way. */
int lwipsim_pcap_writer_finish(struct lwipsim_pcap_writer *w, char *err, size_t errlen);

#endif
