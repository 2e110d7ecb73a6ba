#include "netif/test_netif.h"

#include <string.h>

#include "replay/frame_class.h"

static const uint8_t device[6] = { 0x28, 0xcd, 0xc1, 0x03, 0x9e, 0x26 };
static const uint8_t peer[6] = { 0x02, 0x77, 0x00, 0x00, 0x00, 0x01 };
static const uint8_t mdns_group[6] = { 0x01, 0x00, 0x5e, 0x00, 0x00, 0xfb };
static const uint8_t ssdp_group[6] = { 0x01, 0x00, 0x5e, 0x7f, 0xff, 0xfa };

static struct lwipsim_mac_filter filter;
static uint8_t frame[64];

static void setup(void)
{
  memset(&filter, 0, sizeof filter);
  memcpy(filter.device, device, 6);
}

static const uint8_t *make(const uint8_t dst[6], const uint8_t src[6], unsigned type)
{
  memset(frame, 0, sizeof frame);
  memcpy(frame, dst, 6);
  memcpy(frame + 6, src, 6);
  frame[12] = (uint8_t)(type >> 8);
  frame[13] = (uint8_t)type;
  return frame;
}

START_TEST(test_netif_unicast_to_device_and_broadcast_are_injected)
{
  static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
  ck_assert_int_eq(lwipsim_frame_classify(&filter, make(device, peer, 0x0800), 60, 60), LWIPSIM_FRAME_INJECT);
  ck_assert_int_eq(lwipsim_frame_classify(&filter, make(bcast, peer, 0x0806), 60, 60), LWIPSIM_FRAME_INJECT);
}
END_TEST

START_TEST(test_netif_other_hosts_unicast_is_filtered)
{
  static const uint8_t other[6] = { 0x02, 0, 0, 0, 0, 9 };
  ck_assert_int_eq(lwipsim_frame_classify(&filter, make(other, peer, 0x0800), 60, 60), LWIPSIM_FRAME_NOT_FOR_DEVICE);
}
END_TEST

START_TEST(test_netif_device_frames_are_reference)
{
  ck_assert_int_eq(lwipsim_frame_classify(&filter, make(peer, device, 0x0800), 60, 60), LWIPSIM_FRAME_REFERENCE);
}
END_TEST

START_TEST(test_netif_llc_and_eapol_are_skipped)
{
  ck_assert_int_eq(lwipsim_frame_classify(&filter, make(device, peer, 0x0026), 60, 60), LWIPSIM_FRAME_NON_ETHERNET2);
  ck_assert_int_eq(lwipsim_frame_classify(&filter, make(device, peer, 0x888e), 60, 60), LWIPSIM_FRAME_NON_ETHERNET2);
}
END_TEST

START_TEST(test_netif_multicast_follows_joined_groups)
{
  ck_assert_int_eq(lwipsim_frame_classify(&filter, make(mdns_group, peer, 0x0800), 60, 60),
                   LWIPSIM_FRAME_NOT_FOR_DEVICE);
  ck_assert_int_eq(lwipsim_mac_filter_add(&filter, mdns_group), 0);
  ck_assert_int_eq(lwipsim_mac_filter_add(&filter, mdns_group), 0);
  ck_assert_uint_eq(filter.n_groups, 1);
  ck_assert_int_eq(lwipsim_frame_classify(&filter, make(mdns_group, peer, 0x0800), 60, 60), LWIPSIM_FRAME_INJECT);
  ck_assert_int_eq(lwipsim_frame_classify(&filter, make(ssdp_group, peer, 0x0800), 60, 60),
                   LWIPSIM_FRAME_NOT_FOR_DEVICE);
  lwipsim_mac_filter_del(&filter, mdns_group);
  ck_assert_int_eq(lwipsim_frame_classify(&filter, make(mdns_group, peer, 0x0800), 60, 60),
                   LWIPSIM_FRAME_NOT_FOR_DEVICE);
  filter.accept_all_multicast = 1;
  ck_assert_int_eq(lwipsim_frame_classify(&filter, make(ssdp_group, peer, 0x0800), 60, 60), LWIPSIM_FRAME_INJECT);
}
END_TEST

START_TEST(test_netif_short_and_cut_frames_are_malformed)
{
  ck_assert_int_eq(lwipsim_frame_classify(&filter, make(device, peer, 0x0800), 13, 13), LWIPSIM_FRAME_MALFORMED);
  /* snaplen cut: lwIP would read past what was captured */
  ck_assert_int_eq(lwipsim_frame_classify(&filter, make(device, peer, 0x0800), 60, 1514), LWIPSIM_FRAME_MALFORMED);
}
END_TEST

START_TEST(test_netif_group_table_full_is_reported)
{
  uint8_t mac[6] = { 0x01, 0x00, 0x5e, 0, 0, 0 };
  for (int i = 0; i < LWIPSIM_MAX_MCAST; i++) {
    mac[5] = (uint8_t)i;
    ck_assert_int_eq(lwipsim_mac_filter_add(&filter, mac), 0);
  }
  mac[5] = 0xee;
  ck_assert_int_eq(lwipsim_mac_filter_add(&filter, mac), -1);
}
END_TEST

Suite *netif_suite(void)
{
  Suite *s = suite_create("netif");
  TCase *tc = lwipsim_unit_tcase("frame_class");
  tcase_add_checked_fixture(tc, setup, NULL);
  tcase_add_test(tc, test_netif_unicast_to_device_and_broadcast_are_injected);
  tcase_add_test(tc, test_netif_other_hosts_unicast_is_filtered);
  tcase_add_test(tc, test_netif_device_frames_are_reference);
  tcase_add_test(tc, test_netif_llc_and_eapol_are_skipped);
  tcase_add_test(tc, test_netif_multicast_follows_joined_groups);
  tcase_add_test(tc, test_netif_short_and_cut_frames_are_malformed);
  tcase_add_test(tc, test_netif_group_table_full_is_reported);
  suite_add_tcase(s, tc);
  return s;
}
