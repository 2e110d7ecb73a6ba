/* Writes what the simulated device transmits as a classic pcap (EN10MB).
 *
 * Timestamps are virtual time, so the same run always writes the same bytes:
 * output pcaps can be compared byte for byte between runs and kept as test
 * references. */
#include "capture/pcap_writer.h"

#include "common/error_text.h"

#include <pcap/pcap.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LWIPSIM_PCAP_SNAPLEN 65535u

struct lwipsim_pcap_writer {
  pcap_t *pcap; /* a "dead" handle: only carries link type and snaplen */
  pcap_dumper_t *dumper;
  char *path;
  int write_errno; /* errno of the first write that failed, for the message at the end */
};

int lwipsim_pcap_writer_open(const char *path, struct lwipsim_pcap_writer **out, char *err, size_t errlen)
{
  struct lwipsim_pcap_writer *w;
  char msg[PCAP_ERRBUF_SIZE];

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
  w->pcap = pcap_open_dead(DLT_EN10MB, (int)LWIPSIM_PCAP_SNAPLEN);
  if (w->pcap == NULL) {
    lwipsim_set_err(err, errlen, "%s: cannot create a pcap handle (out of memory?)", path);
    lwipsim_pcap_writer_close(w);
    return -1;
  }
  w->dumper = pcap_dump_open(w->pcap, path);
  if (w->dumper == NULL) {
    snprintf(msg, sizeof(msg), "%s", pcap_geterr(w->pcap));
    lwipsim_strip_newline(msg);
    /* libpcap's message already starts with the path */
    lwipsim_set_err(err, errlen, "%s", msg);
    lwipsim_pcap_writer_close(w);
    return -1;
  }
  /* the file header now, so a file that takes no bytes (/dev/full, a full
   * disk) is refused before the run rather than found out after it */
  errno = 0;
  if (pcap_dump_flush(w->dumper) != 0) {
    lwipsim_set_err(err, errlen, "%s: cannot write (%s)", path, errno != 0 ? strerror(errno) : "write failed");
    lwipsim_pcap_writer_close(w);
    return -1;
  }
  *out = w;
  return 0;
}

void lwipsim_pcap_writer_write(struct lwipsim_pcap_writer *w, uint64_t time_us, const uint8_t *data, uint32_t len)
{
  struct pcap_pkthdr h;

  if (w == NULL || w->dumper == NULL || (data == NULL && len > 0)) {
    return;
  }
  memset(&h, 0, sizeof(h));
  h.ts.tv_sec = (time_t)(time_us / 1000000u);
  h.ts.tv_usec = (suseconds_t)(time_us % 1000000u);
  /* A frame longer than the snaplen is cut, as a real capture would; len keeps
   * the wire length so readers can tell. */
  h.caplen = len < LWIPSIM_PCAP_SNAPLEN ? len : LWIPSIM_PCAP_SNAPLEN;
  h.len = len;
  errno = 0;
  pcap_dump((u_char *)w->dumper, &h, data);
  if (w->write_errno == 0 && errno != 0 && ferror(pcap_dump_file(w->dumper))) {
    w->write_errno = errno;
  }
}

int lwipsim_pcap_writer_flush(struct lwipsim_pcap_writer *w, char *err, size_t errlen)
{
  if (w == NULL || w->dumper == NULL) {
    lwipsim_set_err(err, errlen, "lwipsim_pcap_writer_flush: writer not open");
    return -1;
  }
  if (pcap_dump_flush(w->dumper) != 0 || ferror(pcap_dump_file(w->dumper))) {
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
  if (w->dumper != NULL) {
    pcap_dump_close(w->dumper);
  }
  if (w->pcap != NULL) {
    pcap_close(w->pcap);
  }
  free(w->path);
  free(w);
}

int lwipsim_pcap_writer_finish(struct lwipsim_pcap_writer *w, char *err, size_t errlen)
{
  FILE *f;
  int failed, saved_errno;

  if (w == NULL || w->dumper == NULL) {
    lwipsim_set_err(err, errlen, "lwipsim_pcap_writer_finish: writer not open");
    lwipsim_pcap_writer_close(w);
    return -1;
  }
  /* pcap_dump_close returns nothing, so the stream is closed here, by us:
   * fclose's result is the last word on whether the bytes landed */
  f = pcap_dump_file(w->dumper);
  errno = 0;
  failed = fflush(f) != 0 || ferror(f);
  saved_errno = w->write_errno != 0 ? w->write_errno : errno;
  if (fclose(f) != 0 && !failed) {
    failed = 1;
    saved_errno = errno;
  }
  /* the dumper's stream is gone: free the handle without closing it again */
  w->dumper = NULL;
  if (failed) {
    lwipsim_set_err(err, errlen, "%s: write failed (%s)", w->path,
                    saved_errno != 0 ? strerror(saved_errno) : "disk full?");
  }
  lwipsim_pcap_writer_close(w);
  return failed ? -1 : 0;
}
