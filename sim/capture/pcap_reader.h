/* Streaming reader for Ethernet captures (classic pcap and pcapng, via libpcap). */
#ifndef LWIPSIM_PCAP_READER_H
#define LWIPSIM_PCAP_READER_H

#include <stddef.h>
#include <stdint.h>

struct lwipsim_pcap_reader;

struct lwipsim_frame {
  uint64_t time_us;    /* capture time relative to the capture's first frame */
  const uint8_t *data; /* valid until the next lwipsim_pcap_next() or close */
  uint32_t caplen;     /* bytes present in data */
  uint32_t len;        /* length on the wire */
};

/* Opens path; rejects any link type other than DLT_EN10MB.
 * Returns 0, or -1 with a one-line message in err ("FILE: problem"). */
int lwipsim_pcap_open(const char *path, struct lwipsim_pcap_reader **out, char *err, size_t errlen);

/* Returns 1 and fills *f, 0 at a clean end of file, -1 on a truncated or corrupt
 * file with a one-line message naming the file and the frame number. */
int lwipsim_pcap_next(struct lwipsim_pcap_reader *r, struct lwipsim_frame *f, char *err, size_t errlen);

/* The first frame's own timestamp (microseconds since the epoch), once it
 * has been read; 0 before. */
uint64_t lwipsim_pcap_first_time_us(const struct lwipsim_pcap_reader *r);

/* Frames returned so far. */
uint64_t lwipsim_pcap_frame_count(const struct lwipsim_pcap_reader *r);

void lwipsim_pcap_close(struct lwipsim_pcap_reader *r);

#endif
