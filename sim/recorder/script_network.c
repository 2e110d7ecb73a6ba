/* lwipsim record: the recorder's network from the device script: the
 * device's address (static, or a DHCP pool around it), the peer's address,
 * the MACs, the mDNS host name, the MQTT broker's port and the seed. */
#include "recorder/script_network.h"

#include <stdio.h>
#include <string.h>

#include "recorder/peer_services.h"
#include "scenario/scenario.h"

static void format_ip(char *dst, const uint8_t a[4], int last)
{
  sprintf(dst, "%u.%u.%u.%u", a[0], a[1], a[2], last >= 0 ? (unsigned)last : a[3]);
}

int lwipsim_recording_from_script(struct lwipsim_recording *rec, char *err, size_t errlen)
{
  struct lwipsim_scenario sc;
  if (lwipsim_scenario_load(rec->script, &sc, err, errlen) != 0) {
    return -1;
  }
  uint8_t dev[4] = { 10, 77, 0, 2 }, gw[4] = { 0 };
  rec->prefix = 24;
  for (size_t i = 0; i < sc.n_actions; i++) {
    const struct lwipsim_action *a = &sc.actions[i];
    if (a->itf != LWIPSIM_ITF_STA) {
      continue; /* the access point has no link in the namespace: the peers are the station's */
    }
    if (a->kind == LWIPSIM_ACT_DHCP) {
      rec->uses_dhcp = 1;
    } else if (a->kind == LWIPSIM_ACT_STATIC) {
      memcpy(dev, a->addr, 4);
      memcpy(gw, a->gw, 4);
      rec->prefix = a->prefix_len;
    } else if (a->kind == LWIPSIM_ACT_MDNS_START && rec->hostname[0] == '\0') {
      snprintf(rec->hostname, sizeof rec->hostname, "%s", a->hostname);
    }
  }
  format_ip(rec->device_ip, dev, -1);
  if (gw[0] != 0) {
    format_ip(rec->peer_ip, gw, -1);
  } else {
    format_ip(rec->peer_ip, dev, dev[3] == 1 ? 254 : 1);
  }
  /* The broker (peer_mqtt.c) runs on the peers' address: the script's
   * mqtt-connect must name it. */
  for (size_t i = 0; i < sc.n_actions; i++) {
    const struct lwipsim_action *a = &sc.actions[i];
    char host[16];
    if (a->kind != LWIPSIM_ACT_MQTT_CONNECT) {
      continue;
    }
    format_ip(host, a->addr, -1);
    if (strcmp(host, rec->peer_ip) != 0 || (rec->mqtt_port != 0 && rec->mqtt_port != a->port)) {
      snprintf(err, errlen,
               "%s:%d: mqtt-connect %s:%u, but the recorder's broker listens on %s:%u (the peers' address)", sc.path,
               a->line, host, a->port, rec->peer_ip, rec->mqtt_port != 0 ? rec->mqtt_port : a->port);
      lwipsim_scenario_free(&sc);
      return -1;
    }
    rec->mqtt_port = a->port;
  }
  format_ip(rec->pool_lo, dev, 100);
  format_ip(rec->pool_hi, dev, 150);
  if (sc.has_device_mac) {
    const uint8_t *m = sc.device_mac;
    snprintf(rec->device_mac, sizeof rec->device_mac, "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3], m[4],
             m[5]);
  } else {
    snprintf(rec->device_mac, sizeof rec->device_mac, "%s", LWIPSIM_REC_DEFAULT_DEVICE_MAC);
  }
  rec->ap_mac[0] = '\0';
  if (sc.has_ap_mac) {
    const uint8_t *m = sc.ap_mac;
    snprintf(rec->ap_mac, sizeof rec->ap_mac, "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3], m[4], m[5]);
  }
  snprintf(rec->peer_mac, sizeof rec->peer_mac, "%s", LWIPSIM_REC_PEER_MAC);
  rec->seed = sc.seed;
  /* the last timed action (event-triggered ones sort after it) */
  const struct lwipsim_action *last = NULL;
  for (size_t i = 0; i < sc.n_actions; i++) {
    if (sc.actions[i].trigger == LWIPSIM_TRIGGER_TIME) {
      last = &sc.actions[i];
    }
  }
  if (last != NULL && last->time_ms > (uint64_t)rec->duration_s * 1000u) {
    snprintf(err, errlen, "%s:%d: action at %llu ms is past --duration %u s", sc.path, last->line,
             (unsigned long long)last->time_ms, rec->duration_s);
    lwipsim_scenario_free(&sc);
    return -1;
  }
  if (lwipsim_peer_services_plan(rec, &sc, err, errlen) != 0) {
    lwipsim_scenario_free(&sc);
    return -1;
  }
  if (rec->prefix != 24) {
    snprintf(err, errlen, "%s: the recorder's link is a /24; the script's static address has /%d", sc.path,
             rec->prefix);
    lwipsim_scenario_free(&sc);
    return -1;
  }
  lwipsim_scenario_free(&sc);
  return 0;
}
