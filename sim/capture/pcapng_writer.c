/* pcapng blocks, little-endian as written (the section header's byte-order
 * magic tells readers): Section Header (0x0A0D0D0A), Interface Description
 * (1) with if_name (2) and if_tsresol (9, microseconds), Enhanced Packet (6)
 * with opt_comment (1). Every block and option is padded to 32 bits. */
#include "capture/pcapng_writer.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/error_text.h"

#define BT_SHB 0x0A0D0D0Au
#define BT_IDB 1u
#define BT_EPB 6u
#define OPT_END 0u
#define OPT_COMMENT 1u
#define IF_NAME 2u
#define IF_TSRESOL 9u
#define LINKTYPE_ETHERNET 1u
#define SNAPLEN 65535u
#define MAX_PACKET 65535u
#define MAX_COMMENTS 2048u /* bytes of comments on one packet */

struct lwipsim_pcapng_writer {
  FILE *f;
  char *path;
  int write_errno;
  int has_pending;
  unsigned pending_if;
  uint64_t pending_time_us;
  uint32_t pending_len;
  uint8_t pending[MAX_PACKET];
  char comments[MAX_COMMENTS]; /* NUL-separated, for the pending (or first) packet */
  size_t comments_len;
};

static void put(struct lwipsim_pcapng_writer *w, const void *p, size_t n)
{
  if (w->write_errno == 0 && fwrite(p, 1, n, w->f) != n) {
    w->write_errno = errno != 0 ? errno : EIO;
  }
}

static void put32(struct lwipsim_pcapng_writer *w, uint32_t v)
{
  uint8_t b[4] = { (uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24) };
  put(w, b, 4);
}

static void put16(struct lwipsim_pcapng_writer *w, uint16_t v)
{
  uint8_t b[2] = { (uint8_t)v, (uint8_t)(v >> 8) };
  put(w, b, 2);
}

static size_t pad4(size_t n) { return (n + 3u) & ~(size_t)3u; }

static void put_padded(struct lwipsim_pcapng_writer *w, const void *p, size_t n)
{
  static const uint8_t zero[4];
  put(w, p, n);
  put(w, zero, pad4(n) - n);
}

/* An option's bytes: code, length, value padded. */
static size_t option_size(size_t len) { return 4 + pad4(len); }

static void put_option(struct lwipsim_pcapng_writer *w, uint16_t code, const void *value, size_t len)
{
  put16(w, code);
  put16(w, (uint16_t)len);
  put_padded(w, value, len);
}

static void write_shb(struct lwipsim_pcapng_writer *w)
{
  uint32_t total = 28;
  put32(w, BT_SHB);
  put32(w, total);
  put32(w, 0x1A2B3C4Du); /* byte-order magic */
  put16(w, 1);           /* major */
  put16(w, 0);           /* minor */
  put32(w, 0xFFFFFFFFu); /* section length: not given (-1, 64 bits) */
  put32(w, 0xFFFFFFFFu);
  put32(w, total);
}

static void write_idb(struct lwipsim_pcapng_writer *w, const char *name)
{
  size_t nlen = strlen(name) > 0xffff ? 0xffff : strlen(name);
  uint8_t tsresol = 6; /* 10^-6 s */
  uint32_t total = (uint32_t)(16 + option_size(nlen) + option_size(1) + 4 + 4);
  put32(w, BT_IDB);
  put32(w, total);
  put16(w, LINKTYPE_ETHERNET);
  put16(w, 0);
  put32(w, SNAPLEN);
  put_option(w, IF_NAME, name, nlen);
  put_option(w, IF_TSRESOL, &tsresol, 1);
  put32(w, OPT_END); /* code 0, length 0 */
  put32(w, total);
}

static void write_pending(struct lwipsim_pcapng_writer *w)
{
  if (!w->has_pending) {
    return;
  }
  size_t opts = 0;
  for (size_t at = 0; at < w->comments_len; at += strlen(w->comments + at) + 1) {
    opts += option_size(strlen(w->comments + at));
  }
  if (opts > 0) {
    opts += 4; /* opt_endofopt */
  }
  uint32_t total = (uint32_t)(28 + pad4(w->pending_len) + opts + 4);
  put32(w, BT_EPB);
  put32(w, total);
  put32(w, w->pending_if);
  put32(w, (uint32_t)(w->pending_time_us >> 32));
  put32(w, (uint32_t)w->pending_time_us);
  put32(w, w->pending_len);
  put32(w, w->pending_len);
  put_padded(w, w->pending, w->pending_len);
  for (size_t at = 0; at < w->comments_len; at += strlen(w->comments + at) + 1) {
    put_option(w, OPT_COMMENT, w->comments + at, strlen(w->comments + at));
  }
  if (opts > 0) {
    put32(w, OPT_END);
  }
  put32(w, total);
  w->has_pending = 0;
  w->comments_len = 0;
}

int lwipsim_pcapng_open(const char *path, const char *const *interface_names, unsigned n_interfaces,
                        struct lwipsim_pcapng_writer **out, char *err, size_t errlen)
{
  *out = NULL;
  struct lwipsim_pcapng_writer *w = calloc(1, sizeof *w);
  if (w == NULL || (w->path = strdup(path)) == NULL) {
    free(w);
    lwipsim_set_err(err, errlen, "%s: out of memory", path);
    return -1;
  }
  w->f = fopen(path, "wb");
  if (w->f == NULL) {
    lwipsim_set_err(err, errlen, "%s: cannot create (%s)", path, strerror(errno));
    lwipsim_pcapng_close(w);
    return -1;
  }
  write_shb(w);
  for (unsigned i = 0; i < n_interfaces && i < 4; i++) {
    write_idb(w, interface_names[i]);
  }
  /* the headers now, so a file that takes no bytes (/dev/full) is refused
   * before the run rather than found out after it */
  if (fflush(w->f) != 0 && w->write_errno == 0) {
    w->write_errno = errno;
  }
  if (w->write_errno != 0) {
    lwipsim_set_err(err, errlen, "%s: cannot write (%s)", path, strerror(w->write_errno));
    lwipsim_pcapng_close(w);
    return -1;
  }
  *out = w;
  return 0;
}

void lwipsim_pcapng_packet(struct lwipsim_pcapng_writer *w, unsigned interface, uint64_t time_us, const uint8_t *data,
                           uint32_t len)
{
  if (w->has_pending) {
    write_pending(w);
  }
  if (len > MAX_PACKET) {
    len = MAX_PACKET;
  }
  w->has_pending = 1;
  w->pending_if = interface;
  w->pending_time_us = time_us;
  w->pending_len = len;
  memcpy(w->pending, data, len);
}

void lwipsim_pcapng_comment(struct lwipsim_pcapng_writer *w, const char *text)
{
  size_t n = strlen(text);
  if (n > 0xffff) {
    n = 0xffff;
  }
  if (w->comments_len + n + 1 > sizeof w->comments) {
    return; /* a packet's comments are bounded; the record keeps every event */
  }
  memcpy(w->comments + w->comments_len, text, n);
  w->comments[w->comments_len + n] = '\0';
  w->comments_len += n + 1;
}

int lwipsim_pcapng_finish(struct lwipsim_pcapng_writer *w, char *err, size_t errlen)
{
  write_pending(w);
  if (fflush(w->f) != 0 && w->write_errno == 0) {
    w->write_errno = errno;
  }
  if (fclose(w->f) != 0 && w->write_errno == 0) {
    w->write_errno = errno;
  }
  w->f = NULL;
  int rc = 0;
  if (w->write_errno != 0) {
    lwipsim_set_err(err, errlen, "%s: write failed (%s)", w->path, strerror(w->write_errno));
    rc = -1;
  }
  lwipsim_pcapng_close(w);
  return rc;
}

void lwipsim_pcapng_close(struct lwipsim_pcapng_writer *w)
{
  if (w == NULL) {
    return;
  }
  if (w->f != NULL) {
    fclose(w->f);
  }
  free(w->path);
  free(w);
}
