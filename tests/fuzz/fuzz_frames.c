/* libFuzzer target: every entry point a captured or transmitted frame goes
 * through before lwIP (the receive filter, the neighbour learner and
 * answerer, the flow rewriter, the transmit matcher), in the order the
 * engine calls them, with state kept across the frames of one input.
 *
 * Input: a sequence of records [flags:1][len:2, little-endian][len bytes].
 * Each frame is a heap copy of exactly len bytes, so ASan sees a read one
 * byte past the frame's end (a 2048-byte buffer hid those). flags bit 0: the
 * frame is the device's own (reference), else a peer's; bit 1: also hand it
 * to the rewriter as a frame the live stack transmitted. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "replay/frame_class.h"
#include "replay/neighbours.h"
#include "replay/rewriter.h"
#include "replay/tx_match.h"

static const uint8_t device_mac[6] = { 0x28, 0xcd, 0xc1, 0x03, 0x9e, 0x26 };

static void one_frame(struct lwipsim_rewriter *rw, struct lwipsim_neighbours *nb, struct lwipsim_tx_match *tm,
                      const struct lwipsim_mac_filter *filter, uint8_t flags, const uint8_t *data, uint32_t len)
{
  uint8_t *frame = malloc(len ? len : 1);
  uint8_t reply[LWIPSIM_NB_REPLY_MAX];
  uint8_t owed[LWIPSIM_RW_ACK_MAX];
  enum lwipsim_nb_kind kind;
  uint16_t port;

  if (frame == NULL) {
    return;
  }
  memcpy(frame, data, len);
  lwipsim_neighbours_learn(nb, frame, len);
  switch (lwipsim_frame_classify(filter, frame, len, len)) {
  case LWIPSIM_FRAME_REFERENCE:
    lwipsim_rewriter_learn_reference(rw, frame, len);
    lwipsim_tx_match_frame(tm, rw, frame, len, 0);
    break;
  case LWIPSIM_FRAME_INJECT:
    lwipsim_rewriter_captured_port(rw, frame, len, &port);
    lwipsim_rewriter_inbound(rw, frame, len);
    break;
  default: break;
  }
  if (flags & 2) {
    memcpy(frame, data, len);
    lwipsim_rewriter_learn_transmitted(rw, frame, len);
    lwipsim_tx_match_frame(tm, rw, frame, len, 1);
    lwipsim_neighbours_answer(nb, frame, len, reply, &kind);
    while (lwipsim_rewriter_take_owed_ack(rw, owed) > 0) {
    }
  }
  free(frame);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  struct lwipsim_mac_filter filter = { .accept_all_multicast = 1 };
  struct lwipsim_rewriter *rw = lwipsim_rewriter_new(device_mac);
  struct lwipsim_neighbours *nb = lwipsim_neighbours_new(device_mac);
  struct lwipsim_tx_match *tm = lwipsim_tx_match_new(device_mac, 1);
  size_t at = 0;

  memcpy(filter.device, device_mac, 6);
  while (rw != NULL && nb != NULL && tm != NULL && at + 3 <= size) {
    uint8_t flags = data[at];
    uint32_t len = (uint32_t)data[at + 1] | (uint32_t)data[at + 2] << 8;

    at += 3;
    if (len > size - at) {
      len = (uint32_t)(size - at);
    }
    if (flags & 1) {
      /* the device's own frame: its source MAC is the device's */
      uint8_t *copy = malloc(len ? len : 1);
      if (copy == NULL) {
        break;
      }
      memcpy(copy, data + at, len);
      if (len >= 12) {
        memcpy(copy + 6, device_mac, 6);
      }
      one_frame(rw, nb, tm, &filter, flags, copy, len);
      free(copy);
    } else {
      one_frame(rw, nb, tm, &filter, flags, data + at, len);
    }
    at += len;
  }
  lwipsim_tx_match_free(tm);
  lwipsim_neighbours_free(nb);
  lwipsim_rewriter_free(rw);
  return 0;
}
