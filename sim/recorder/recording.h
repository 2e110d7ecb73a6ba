/* What one `lwipsim record` run is set up to do and what it saw: shared by
 * the peers, the timeline and the files it writes. */
#ifndef LWIPSIM_RECORDING_H
#define LWIPSIM_RECORDING_H

#include <limits.h>
#include <stdint.h>

#include "recorder/capture.h"
#include "recorder/peer_services.h"

#define LWIPSIM_REC_IFNAME "lwtap0"

struct lwipsim_recording {
  /* from the command line */
  const char *profile, *lwip, *script, *out_dir, *description;
  unsigned duration_s;
  unsigned browsers;     /* avahi-daemons, each with one avahi-browse -r */
  double browse_at_s;    /* when the browsers start, all at once */
  unsigned http_clients; /* curl GETs started together in each round */
  double http_every_s;   /* seconds between rounds */
  double workload_at_s;  /* first HTTP round and the ping */
  unsigned ping_count;
  unsigned lease_s; /* dnsmasq lease (dnsmasq's minimum is 120 s) */
  char command_line[1024];

  /* derived from the script */
  char device_mac[18], peer_mac[18];
  char ap_mac[18]; /* [device] ap_mac of the script: the access point (no link in the namespace); "" when none */
  char device_ip[16], peer_ip[16], pool_lo[16], pool_hi[16];
  int prefix;
  int uses_dhcp;
  char hostname[64];  /* mdns-start's, for the Host header; "" without mDNS */
  unsigned mqtt_port; /* mqtt-connect's: the broker listens there (peer_mqtt.c); 0 without MQTT */
  unsigned seed;
  struct lwipsim_peer_services services; /* NTP, HTTP, UDP sink, DNS: the script's needs, then what they saw */

  /* where it happens */
  char work[64]; /* /tmp/lwipsim-record.XXXXXX */
  char netns[64];

  /* what happened */
  uint64_t origin_us; /* wall clock at the device's virtual 0 */
  int runner_status;  /* the live runner's exit status */
  unsigned http_ok, http_total, ping_received, browsers_resolved;
  unsigned dhcp_acks;
  unsigned mqtt_connects, mqtt_publishes, mqtt_pings; /* what the broker logged */
  struct lwipsim_capture_summary capture;
  uint64_t capture_start_ms;
  char versions[1024]; /* "pkg version" lines */
};

#endif
