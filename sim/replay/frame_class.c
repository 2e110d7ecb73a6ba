#include "replay/frame_class.h"

#include <string.h>

#include "common/mac_eq.h"
#include "common/wire.h"

static const uint8_t broadcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

static int in_groups(const struct lwipsim_mac_filter *f, const uint8_t *mac)
{
  for (size_t i = 0; i < f->n_groups; i++) {
    if (lwipsim_mac_eq(f->groups[i], mac)) {
      return 1;
    }
  }
  return 0;
}

enum lwipsim_frame_class lwipsim_frame_classify(const struct lwipsim_mac_filter *f, const uint8_t *frame,
                                                uint32_t caplen, uint32_t len)
{
  if (caplen < LWIPSIM_ETH_HLEN || caplen < len) {
    return LWIPSIM_FRAME_MALFORMED;
  }
  const uint8_t *dst = frame, *src = frame + 6;
  if (lwipsim_mac_eq(src, f->device)) {
    return LWIPSIM_FRAME_REFERENCE;
  }
  unsigned type = ((unsigned)frame[12] << 8) | frame[13];
  if (type < LWIPSIM_ETHTYPE_MIN || type == LWIPSIM_ETHTYPE_EAPOL) {
    return LWIPSIM_FRAME_NON_ETHERNET2;
  }
  if (lwipsim_mac_eq(dst, f->device) || lwipsim_mac_eq(dst, broadcast)) {
    return LWIPSIM_FRAME_INJECT;
  }
  if (dst[0] & 1) {
    return (f->accept_all_multicast || in_groups(f, dst)) ? LWIPSIM_FRAME_INJECT : LWIPSIM_FRAME_NOT_FOR_DEVICE;
  }
  return LWIPSIM_FRAME_NOT_FOR_DEVICE;
}

int lwipsim_mac_filter_add(struct lwipsim_mac_filter *f, const uint8_t mac[6])
{
  if (in_groups(f, mac)) {
    return 0;
  }
  if (f->n_groups == LWIPSIM_MAX_MCAST) {
    return -1;
  }
  memcpy(f->groups[f->n_groups++], mac, 6);
  return 0;
}

void lwipsim_mac_filter_del(struct lwipsim_mac_filter *f, const uint8_t mac[6])
{
  for (size_t i = 0; i < f->n_groups; i++) {
    if (lwipsim_mac_eq(f->groups[i], mac)) {
      memmove(f->groups[i], f->groups[i + 1], (f->n_groups - i - 1) * 6);
      f->n_groups--;
      return;
    }
  }
}
