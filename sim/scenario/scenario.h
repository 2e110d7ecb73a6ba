/* Scenario files: what the device does (a script of actions at virtual times)
 * and which capture feeds it. Format: docs/scenario-format.md. */
#ifndef LWIPSIM_SCENARIO_H
#define LWIPSIM_SCENARIO_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>

#define LWIPSIM_SCENARIO_FILE "scenario.ini"

enum lwipsim_action_kind {
  LWIPSIM_ACT_NETIF_UP,       /* netif-up */
  LWIPSIM_ACT_NETIF_DOWN,     /* netif-down */
  LWIPSIM_ACT_STATIC,         /* static A.B.C.D/PREFIX [gw A.B.C.D] */
  LWIPSIM_ACT_DHCP,           /* dhcp */
  LWIPSIM_ACT_IPV6_LINKLOCAL, /* ipv6-linklocal on|off */
  LWIPSIM_ACT_MDNS_START,     /* mdns-start HOSTNAME [_SERVICE._tcp|_udp PORT [INSTANCE]] */
  LWIPSIM_ACT_MDNS_STOP,      /* mdns-stop */
  LWIPSIM_ACT_HTTP_LISTEN,    /* http-listen PORT [page BYTES] [keepalive] [retry] */
  LWIPSIM_ACT_HTTP_CLOSE,     /* http-close */
  LWIPSIM_ACT_RELOAD,         /* reload */
  LWIPSIM_ACT_TCP_CONNECT,    /* tcp-connect A.B.C.D:PORT */
  LWIPSIM_ACT_LINK_DOWN,      /* link-down: Wi-Fi or cable lost (netif_set_link_down) */
  LWIPSIM_ACT_LINK_UP,        /* link-up */
  LWIPSIM_ACT_UDP_LISTEN,     /* udp-listen PORT */
  LWIPSIM_ACT_UDP_CLOSE,      /* udp-close PORT */
  LWIPSIM_ACT_UDP_SEND,       /* udp-send A.B.C.D:PORT BYTES [every DURATION] */
  LWIPSIM_ACT_IGMP_JOIN,      /* igmp-join GROUP */
  LWIPSIM_ACT_IGMP_LEAVE,     /* igmp-leave GROUP */
  LWIPSIM_ACT_DNS_SERVER,     /* dns-server A.B.C.D */
  LWIPSIM_ACT_DNS_LOOKUP,     /* dns-lookup NAME [every DURATION] */
  LWIPSIM_ACT_SNTP_START,     /* sntp-start SERVER (A.B.C.D or a name) */
  LWIPSIM_ACT_SNTP_STOP,      /* sntp-stop */
  LWIPSIM_ACT_HTTP_GET,       /* http-get A.B.C.D:PORT/PATH [every DURATION] */
  LWIPSIM_ACT_NETIF_REMOVE,   /* netif-remove: netif_remove, with whatever lwIP leaves armed */
  LWIPSIM_ACT_NETIF_ADD,      /* netif-add: netif_add again with the interface's boot configuration */
  LWIPSIM_ACT_MQTT_CONNECT,   /* mqtt-connect A.B.C.D:PORT [keepalive SECONDS] */
  LWIPSIM_ACT_MQTT_PUBLISH,   /* mqtt-publish TOPIC BYTES [every DURATION] */
  LWIPSIM_ACT_MQTT_DISCONNECT /* mqtt-disconnect */
};

/* The device's interfaces: the station (fed by the capture) and, with
 * [device] ap_mac, an access point beside it (the Pico W's CYW43 has one
 * lwIP netif per interface, CYW43_ITF_STA and CYW43_ITF_AP). An action
 * takes a trailing "on sta|ap"; without it, sta. */
enum lwipsim_interface { LWIPSIM_ITF_STA, LWIPSIM_ITF_AP };
#define LWIPSIM_N_INTERFACES 2

/* What starts an action: its time, or an event ("on EVENT = ACTION"). */
enum lwipsim_trigger {
  LWIPSIM_TRIGGER_TIME,       /* TIME = ACTION */
  LWIPSIM_TRIGGER_DHCP_BOUND, /* on dhcp-bound = ACTION: each time DHCP binds an address */
  LWIPSIM_TRIGGER_LINK_UP     /* on link-up = ACTION: each time the link comes up */
};

/* Event-triggered actions carry this time: they sort after every timed one
 * and the engine never runs them by time (the device runs them on the
 * event). */
#define LWIPSIM_ACTION_ON_EVENT UINT64_MAX

struct lwipsim_action {
  uint64_t time_ms; /* LWIPSIM_ACTION_ON_EVENT for an event-triggered action */
  enum lwipsim_trigger trigger;
  enum lwipsim_action_kind kind;
  int line;           /* line in the scenario file, for messages */
  uint8_t addr[4];    /* static, tcp-connect */
  uint8_t prefix_len; /* static */
  uint8_t gw[4];      /* static; 0.0.0.0 when absent */
  int on;             /* ipv6-linklocal */
  char hostname[64];  /* mdns-start */
  char service[64];   /* mdns-start: e.g. "_http"; "" when no service */
  int service_is_udp; /* mdns-start: 0 for _tcp, 1 for _udp */
  char instance[64];  /* mdns-start: defaults to hostname */
  uint16_t port;      /* mdns-start, http-listen, tcp-connect, udp-*, http-get, mqtt-connect */
  char name[128];     /* dns-lookup, sntp-start (a name): the host name; http-get: the path; mqtt-publish: the topic */
  uint32_t bytes;     /* udp-send, mqtt-publish: payload bytes */
  uint16_t keepalive_s;       /* mqtt-connect keepalive SECONDS (default 60; 0 turns keep-alive off) */
  uint64_t every_ms;          /* "every DURATION": repeated until the run ends (0: once) */
  uint64_t first_ms;          /* a repeat's first time (the script line's); equal to time_ms when not repeated */
  uint32_t page_bytes;        /* http-listen page BYTES: the response body; 0 = the default 46-byte page */
  int keepalive;              /* http-listen keepalive: connections stay open for more requests */
  int retry_on_mem;           /* http-listen retry: a refused tcp_write is retried, not dropped */
  enum lwipsim_interface itf; /* "on sta|ap": the interface the action runs on (default sta) */
  int itf_given;              /* "on ..." was written (http-listen without it listens on every netif) */
};

struct lwipsim_scenario {
  char path[PATH_MAX]; /* the scenario.ini that was read */
  char name[128];      /* the directory's base name */
  char description[512];
  char source[1024];               /* where the traffic came from */
  char capture_path[PATH_MAX];     /* resolved relative to the scenario dir (or the shared
                                 captures folder for "shared:NAME"); "" when none */
  int capture_is_shared;           /* capture was written "shared:NAME" */
  char profile[64];                /* the profile the scenario is meant for; "" when not set */
  uint64_t capture_max_gap_ms;     /* longest pause kept between captured frames; 0 = keep all */
  int capture_checksums_recompute; /* capture_checksums = recompute: fix peers' IPv4 checksums */
  uint8_t device_mac[6];
  int has_device_mac;
  uint64_t duration_ms;      /* virtual time the run lasts */
  uint64_t capture_start_ms; /* virtual time of the capture's first frame */
  uint32_t seed;             /* for LWIP_RAND; default 1 */
  uint64_t timers_poll_ms;   /* [device] timers = poll P: lwIP's timers run only every P ms; 0 = at each deadline */
  uint8_t ap_mac[6];         /* [device] ap_mac: the access-point interface's MAC */
  int has_ap_mac;            /* the device has an access-point interface */
  struct lwipsim_action *actions; /* sorted by time_ms, file order kept for equal times */
  size_t n_actions;
};

/* The longest run lwipsim replays: 10^7 s (about 115 days) of virtual time.
 * A run's memory and record no longer grow with its length (the timelines are
 * bucketed), but its wall time does, and every time value below it stays far
 * from overflowing the bucket and clock arithmetic. */
#define LWIPSIM_MAX_DURATION_MS 10000000000ull

/* Loads DIR/scenario.ini (or PATH itself when it names a file).
 * Returns 0, or -1 with a one-line message "FILE:LINE: problem" in err. */
int lwipsim_scenario_load(const char *dir_or_file, struct lwipsim_scenario *sc, char *err, size_t errlen);
void lwipsim_scenario_free(struct lwipsim_scenario *sc);

/* Prefix of a capture that lives outside the repository: "shared:NAME"
 * (scenario/shared_captures.h says where). */
#define LWIPSIM_SHARED_PREFIX "shared:"

/* "28:cd:c1:03:9e:26" -> mac; returns 0 or -1. */
int lwipsim_parse_mac(const char *s, uint8_t mac[6]);
/* Unsigned decimal, digits only (no sign, no blanks), at most max. Returns 0 or -1. */
int lwipsim_scenario_parse_uint(const char *s, uint64_t max, uint64_t *out);
/* The largest time value a scenario may write, in ms: the longest run. No
 * time past the end of the longest run means anything, and one limit keeps
 * every sum of times far from wrapping (capture_max_gap near
 * UINT64_MAX/1000 wrapped, and silently replayed 36 of 201 frames). */
#define LWIPSIM_TIME_MAX_MS LWIPSIM_MAX_DURATION_MS
#define LWIPSIM_TIME_MAX_TEXT "10000000s"
/* "90s", "1500ms", "0.25s" -> ms; returns 0, -1 for a bad form, or -2 for a
 * time over LWIPSIM_TIME_MAX_MS. */
int lwipsim_parse_duration_ms(const char *s, uint64_t *ms);

const char *lwipsim_action_name(enum lwipsim_action_kind kind);
/* "sta" or "ap". */
const char *lwipsim_interface_name(enum lwipsim_interface itf);
/* 1 when the action may take "on sta|ap" (it acts on one interface; the
 * others are routed by lwIP or act on the whole device). */
int lwipsim_action_takes_interface(enum lwipsim_action_kind kind);

#endif
