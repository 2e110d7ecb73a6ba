/* Writes what the simulated device transmits as a classic pcap (EN10MB).
 *
 * Timestamps are virtual time, so the same run always writes the same bytes:
 * output pcaps can be compared byte for byte between runs and kept as test
 * references.
 *
 * Written by hand, byte for byte what libpcap's pcap_dump writes for a
 * handle of pcap_open_dead(DLT_EN10MB, 65535) (libpcap sf-pcap.c
 * sf_write_header and pcap_dump: the file header in this host's byte order,
 * then per frame seconds and microseconds as 32-bit, captured and wire
 * length, the bytes; unit.common checks it against libpcap's own output):
 * linking libpcap for this cost every runner 1.3 million instructions of
 * dynamic linking (capture/pcap_lib.h). */
#include "capture/pcap_writer.h"

#include "common/error_text.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LWIPSIM_PCAP_SNAPLEN 65535u
#define PCAP_MAGIC_US 0xa1b2c3d4u
#define LINKTYPE_ETHERNET 1u

struct lwipsim_pcap_writer {
  FILE *f;
  char *path;
  int write_errno; /* errno of the first write that failed, for the message at the end */
};

static void put32(uint8_t *at, uint32_t v) { memcpy(at, &v, 4); } /* host order, as libpcap writes */

int lwipsim_pcap_writer_open(const char *path, struct lwipsim_pcap_writer **out, char *err, size_t errlen)
{
  struct lwipsim_pcap_writer *w;

  if (out == NULL || path == NULL) {
    lwipsim_set_err(err, errlen, "lwipsim_pcap_writer_open: no path or output pointer");
    return -1;
  }
  *out = NULL;
  w = calloc(1, sizeof(*w));
  if (w == NULL || (w->path = strdup(path)) == NULL) {
    free(w);
    lwipsim_set_err(err, errlen, "%s: out of memory", path);
    return -1;
  }
  /* libpcap's pcap_dump_open: "-" is the standard output, anything else a
   * file opened "w", its error "PATH: REASON" */
  w->f = strcmp(path, "-") == 0 ? stdout : fopen(path, "w");
  if (w->f == NULL) {
    lwipsim_set_err(err, errlen, "%s: %s", path, strerror(errno));
    lwipsim_pcap_writer_close(w);
    return -1;
  }
  uint8_t hdr[24];
  put32(hdr, PCAP_MAGIC_US);
  uint16_t version[2] = { 2, 4 };
  memcpy(hdr + 4, version, 4);
  put32(hdr + 8, 0);  /* thiszone */
  put32(hdr + 12, 0); /* sigfigs */
  put32(hdr + 16, LWIPSIM_PCAP_SNAPLEN);
  put32(hdr + 20, LINKTYPE_ETHERNET);
  /* the file header now, so a file that takes no bytes (/dev/full, a full
   * disk) is refused before the run rather than found out after it */
  errno = 0;
  if (fwrite(hdr, 1, sizeof hdr, w->f) != sizeof hdr || fflush(w->f) != 0) {
    lwipsim_set_err(err, errlen, "%s: cannot write (%s)", path, errno != 0 ? strerror(errno) : "write failed");
    lwipsim_pcap_writer_close(w);
    return -1;
  }
  *out = w;
  return 0;
}

void lwipsim_pcap_writer_write(struct lwipsim_pcap_writer *w, uint64_t time_us, const uint8_t *data, uint32_t len)
{
  if (w == NULL || w->f == NULL || (data == NULL && len > 0)) {
    return;
  }
  /* A frame longer than the snaplen is cut, as a real capture would; len keeps
   * the wire length so readers can tell. */
  uint32_t caplen = len < LWIPSIM_PCAP_SNAPLEN ? len : LWIPSIM_PCAP_SNAPLEN;
  uint8_t rec[16];
  put32(rec, (uint32_t)(time_us / 1000000u));
  put32(rec + 4, (uint32_t)(time_us % 1000000u));
  put32(rec + 8, caplen);
  put32(rec + 12, len);
  errno = 0;
  if ((fwrite(rec, 1, sizeof rec, w->f) != sizeof rec || fwrite(data, 1, caplen, w->f) != caplen) &&
      w->write_errno == 0) {
    w->write_errno = errno != 0 ? errno : EIO;
  }
}

int lwipsim_pcap_writer_flush(struct lwipsim_pcap_writer *w, char *err, size_t errlen)
{
  if (w == NULL || w->f == NULL) {
    lwipsim_set_err(err, errlen, "lwipsim_pcap_writer_flush: writer not open");
    return -1;
  }
  if (fflush(w->f) != 0 || ferror(w->f)) {
    lwipsim_set_err(err, errlen, "%s: write failed (disk full?)", w->path);
    return -1;
  }
  return 0;
}

void lwipsim_pcap_writer_close(struct lwipsim_pcap_writer *w)
{
  if (w == NULL) {
    return;
  }
  if (w->f != NULL && w->f != stdout) {
    fclose(w->f);
  }
  free(w->path);
  free(w);
}

int lwipsim_pcap_writer_finish(struct lwipsim_pcap_writer *w, char *err, size_t errlen)
{
  FILE *f;
  int failed, saved_errno;

  if (w == NULL || w->f == NULL) {
    lwipsim_set_err(err, errlen, "lwipsim_pcap_writer_finish: writer not open");
    lwipsim_pcap_writer_close(w);
    return -1;
  }
  /* fclose's result is the last word on whether the bytes landed */
  f = w->f;
  errno = 0;
  failed = fflush(f) != 0 || ferror(f);
  saved_errno = w->write_errno != 0 ? w->write_errno : errno;
  if (f != stdout && fclose(f) != 0 && !failed) {
    failed = 1;
    saved_errno = errno;
  }
  w->f = NULL;
  if (failed) {
    lwipsim_set_err(err, errlen, "%s: write failed (%s)", w->path,
                    saved_errno != 0 ? strerror(saved_errno) : "disk full?");
  }
  lwipsim_pcap_writer_close(w);
  return failed ? -1 : 0;
}
