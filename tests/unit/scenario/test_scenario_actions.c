/* The device actions of issue 10 (sockets, groups, names, time, HTTP
 * client, link): each parsed from its valid forms, and each invalid form
 * refused with its exact line. */
#include "scenario/test_scenario_actions.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scenario/scenario.h"
#include "scenario/scenario_action.h"

struct lwipsim_action parse_ok(const char *value)
{
  struct lwipsim_action a;
  char msg[512] = "";
  memset(&a, 0, sizeof a);
  ck_assert_msg(lwipsim_scenario_parse_action(value, &a, msg, sizeof msg) == 0, "'%s' refused: %s", value, msg);
  return a;
}

void parse_bad(const char *value, const char *want)
{
  struct lwipsim_action a;
  char msg[512] = "";
  memset(&a, 0, sizeof a);
  ck_assert_msg(lwipsim_scenario_parse_action(value, &a, msg, sizeof msg) == -1, "'%s' accepted", value);
  ck_assert_str_eq(msg, want);
}

START_TEST(test_actions_udp)
{
  struct lwipsim_action a = parse_ok("udp-listen 5000");
  ck_assert_int_eq(a.kind, LWIPSIM_ACT_UDP_LISTEN);
  ck_assert_uint_eq(a.port, 5000);
  ck_assert_int_eq(parse_ok("udp-close 5000").kind, LWIPSIM_ACT_UDP_CLOSE);
  a = parse_ok("udp-send 10.77.0.1:514 120 every 5s");
  ck_assert_int_eq(a.kind, LWIPSIM_ACT_UDP_SEND);
  ck_assert_uint_eq(a.addr[0], 10);
  ck_assert_uint_eq(a.addr[3], 1);
  ck_assert_uint_eq(a.port, 514);
  ck_assert_uint_eq(a.bytes, 120);
  ck_assert_uint_eq(a.every_ms, 5000);
  a = parse_ok("udp-send 10.77.0.1:514 0");
  ck_assert_uint_eq(a.bytes, 0);
  ck_assert_uint_eq(a.every_ms, 0);

  parse_bad("udp-listen", "udp-listen takes one port (1 to 65535), e.g. 'udp-listen 5000'");
  parse_bad("udp-close 0", "udp-close takes one port (1 to 65535), e.g. 'udp-close 5000'");
  parse_bad("udp-send 10.77.0.1:514",
            "udp-send needs a destination and a size; write 'udp-send A.B.C.D:PORT BYTES [every DURATION]', e.g. "
            "'udp-send 10.77.0.1:514 120 every 5s'");
  parse_bad("udp-send 10.77.0.1 120",
            "udp-send: '10.77.0.1' has no :PORT; write 'udp-send A.B.C.D:PORT BYTES [every DURATION]', e.g. "
            "'udp-send 10.77.0.1:514 120 every 5s'");
  parse_bad("udp-send 10.77.0.1:514 1473",
            "udp-send: bad size '1473' (0 to 1472 bytes); write 'udp-send A.B.C.D:PORT BYTES [every DURATION]', "
            "e.g. 'udp-send 10.77.0.1:514 120 every 5s'");
  parse_bad("udp-send 10.77.0.1:514 120 every 0s",
            "udp-send: bad interval '0s' (more than 0, e.g. '5s' or '500ms'); write 'udp-send A.B.C.D:PORT BYTES "
            "[every DURATION]', e.g. 'udp-send 10.77.0.1:514 120 every 5s'");
  parse_bad("udp-send 10.77.0.1:514 120 each 5s",
            "udp-send: unexpected 'each'; write 'udp-send A.B.C.D:PORT BYTES [every DURATION]', e.g. "
            "'udp-send 10.77.0.1:514 120 every 5s'");
}
END_TEST

START_TEST(test_actions_igmp_dns_sntp_link)
{
  struct lwipsim_action a = parse_ok("igmp-join 239.255.0.1");
  ck_assert_int_eq(a.kind, LWIPSIM_ACT_IGMP_JOIN);
  ck_assert_uint_eq(a.addr[0], 239);
  ck_assert_int_eq(parse_ok("igmp-leave 224.0.0.251").kind, LWIPSIM_ACT_IGMP_LEAVE);
  parse_bad("igmp-join 10.0.0.1", "igmp-join: 10.0.0.1 is not a multicast group (224.0.0.0 to 239.255.255.255)");
  parse_bad("igmp-leave", "igmp-leave takes one IPv4 multicast group, e.g. 'igmp-leave 239.255.0.1'");

  a = parse_ok("dns-server 10.77.0.1");
  ck_assert_int_eq(a.kind, LWIPSIM_ACT_DNS_SERVER);
  parse_bad("dns-server ns.example", "dns-server takes one IPv4 address, e.g. 'dns-server 10.77.0.1'");
  a = parse_ok("dns-lookup pool.ntp.org every 30s");
  ck_assert_int_eq(a.kind, LWIPSIM_ACT_DNS_LOOKUP);
  ck_assert_str_eq(a.name, "pool.ntp.org");
  ck_assert_uint_eq(a.every_ms, 30000);
  parse_bad("dns-lookup", "dns-lookup needs a host name; write 'dns-lookup NAME [every DURATION]'");
  parse_bad("dns-lookup bad_name", "dns-lookup: 'bad_name' is not a host name (letters, digits, '-' and '.')");

  a = parse_ok("sntp-start 10.77.0.1");
  ck_assert_int_eq(a.kind, LWIPSIM_ACT_SNTP_START);
  ck_assert_uint_eq(a.addr[3], 1);
  ck_assert_str_eq(a.name, "");
  a = parse_ok("sntp-start pool.ntp.org");
  ck_assert_str_eq(a.name, "pool.ntp.org");
  ck_assert_uint_eq(a.addr[0], 0);
  parse_bad("sntp-start", "sntp-start takes one server, an IPv4 address or a host name, e.g. 'sntp-start 10.77.0.1'");
  parse_bad("sntp-stop now", "sntp-stop takes no arguments, but 'now' follows it");

  ck_assert_int_eq(parse_ok("link-down").kind, LWIPSIM_ACT_LINK_DOWN);
  ck_assert_int_eq(parse_ok("link-up").kind, LWIPSIM_ACT_LINK_UP);
  parse_bad("link-up wlan0", "link-up takes no arguments, but 'wlan0' follows it");
}
END_TEST

START_TEST(test_actions_http_get)
{
  struct lwipsim_action a = parse_ok("http-get 10.77.0.1:8080/api/status every 5s");
  ck_assert_int_eq(a.kind, LWIPSIM_ACT_HTTP_GET);
  ck_assert_uint_eq(a.port, 8080);
  ck_assert_str_eq(a.name, "/api/status");
  ck_assert_uint_eq(a.every_ms, 5000);
  a = parse_ok("http-get 10.77.0.1:80/");
  ck_assert_str_eq(a.name, "/");
  parse_bad("http-get 10.77.0.1:80",
            "http-get: '10.77.0.1:80' has no /PATH; write 'http-get A.B.C.D:PORT/PATH [every DURATION]', e.g. "
            "'http-get 10.77.0.1:80/status every 5s'");
  parse_bad("http-get example.com:80/",
            "http-get: bad IPv4 address 'example.com'; write 'http-get A.B.C.D:PORT/PATH [every DURATION]', e.g. "
            "'http-get 10.77.0.1:80/status every 5s'");
}
END_TEST

#define MQTT_CONNECT_USAGE \
  "write 'mqtt-connect A.B.C.D:PORT [keepalive SECONDS]', e.g. 'mqtt-connect 10.77.0.1:1883 keepalive 5'"
#define MQTT_PUBLISH_USAGE \
  "write 'mqtt-publish TOPIC BYTES [every DURATION]', e.g. 'mqtt-publish sensors/temp 24 every 2s'"

START_TEST(test_actions_mqtt)
{
  struct lwipsim_action a = parse_ok("mqtt-connect 10.77.0.1:1883 keepalive 5");
  ck_assert_int_eq(a.kind, LWIPSIM_ACT_MQTT_CONNECT);
  ck_assert_uint_eq(a.addr[0], 10);
  ck_assert_uint_eq(a.addr[3], 1);
  ck_assert_uint_eq(a.port, 1883);
  ck_assert_uint_eq(a.keepalive_s, 5);
  a = parse_ok("mqtt-connect 192.168.4.2:8883");
  ck_assert_uint_eq(a.port, 8883);
  ck_assert_uint_eq(a.keepalive_s, 60); /* the default */
  ck_assert_uint_eq(parse_ok("mqtt-connect 10.77.0.1:1883 keepalive 0").keepalive_s, 0);
  ck_assert_uint_eq(parse_ok("mqtt-connect 10.77.0.1:1883 keepalive 65535").keepalive_s, 65535);

  a = parse_ok("mqtt-publish sensors/temp 24 every 2s");
  ck_assert_int_eq(a.kind, LWIPSIM_ACT_MQTT_PUBLISH);
  ck_assert_str_eq(a.name, "sensors/temp");
  ck_assert_uint_eq(a.bytes, 24);
  ck_assert_uint_eq(a.every_ms, 2000);
  a = parse_ok("mqtt-publish $SYS-free/a_b 0");
  ck_assert_str_eq(a.name, "$SYS-free/a_b");
  ck_assert_uint_eq(a.bytes, 0);
  ck_assert_uint_eq(a.every_ms, 0);
  ck_assert_uint_eq(parse_ok("mqtt-publish t 65535").bytes, 65535);
  ck_assert_int_eq(parse_ok("mqtt-disconnect").kind, LWIPSIM_ACT_MQTT_DISCONNECT);

  parse_bad("mqtt-connect", "mqtt-connect needs the broker's address and port; " MQTT_CONNECT_USAGE);
  parse_bad("mqtt-connect 10.77.0.1:1883 keepalive",
            "mqtt-connect needs the broker's address and port; " MQTT_CONNECT_USAGE);
  parse_bad("mqtt-connect 10.77.0.1", "mqtt-connect: '10.77.0.1' has no :PORT; " MQTT_CONNECT_USAGE);
  parse_bad("mqtt-connect broker.local:1883", "mqtt-connect: bad IPv4 address 'broker.local'; " MQTT_CONNECT_USAGE);
  parse_bad("mqtt-connect 10.77.0.1:0", "mqtt-connect: bad port '0' (1 to 65535); " MQTT_CONNECT_USAGE);
  parse_bad("mqtt-connect 10.77.0.1:1883 keep 5", "mqtt-connect: unexpected 'keep'; " MQTT_CONNECT_USAGE);
  parse_bad("mqtt-connect 10.77.0.1:1883 keepalive 65536",
            "mqtt-connect: bad keepalive '65536' (0 to 65535 seconds); " MQTT_CONNECT_USAGE);
  parse_bad("mqtt-connect 10.77.0.1:1883 keepalive 5s",
            "mqtt-connect: bad keepalive '5s' (0 to 65535 seconds); " MQTT_CONNECT_USAGE);

  parse_bad("mqtt-publish sensors/temp", "mqtt-publish needs a topic and a size; " MQTT_PUBLISH_USAGE);
  parse_bad("mqtt-publish sensors/+ 10", "mqtt-publish: 'sensors/+' is not a topic to publish to (no '+', '#' or "
                                         "control characters); " MQTT_PUBLISH_USAGE);
  parse_bad("mqtt-publish sensors/# 10", "mqtt-publish: 'sensors/#' is not a topic to publish to (no '+', '#' or "
                                         "control characters); " MQTT_PUBLISH_USAGE);
  parse_bad("mqtt-publish sensors/temp 65536",
            "mqtt-publish: bad size '65536' (0 to 65535 bytes); " MQTT_PUBLISH_USAGE);
  parse_bad("mqtt-publish sensors/temp -1", "mqtt-publish: bad size '-1' (0 to 65535 bytes); " MQTT_PUBLISH_USAGE);
  parse_bad("mqtt-publish sensors/temp 24 every 0s",
            "mqtt-publish: bad interval '0s' (more than 0, e.g. '5s' or '500ms'); " MQTT_PUBLISH_USAGE);
  parse_bad("mqtt-publish sensors/temp 24 each 2s", "mqtt-publish: unexpected 'each'; " MQTT_PUBLISH_USAGE);
  char long_topic[200];
  memset(long_topic, 'a', 150);
  long_topic[150] = '\0';
  char line[256], want[512];
  snprintf(line, sizeof line, "mqtt-publish %s 10", long_topic);
  snprintf(want, sizeof want,
           "mqtt-publish: topic 'aaaaaaaaaaaaaaaaaaaa...' is too long (at most 127 characters); " MQTT_PUBLISH_USAGE);
  parse_bad(line, want);
  parse_bad("mqtt-disconnect now", "mqtt-disconnect takes no arguments, but 'now' follows it");
}
END_TEST

/* "every" becomes one action per repeat, up to the end of the run. */
START_TEST(test_actions_every_expands_until_the_end)
{
  char dir[] = "/tmp/lwipsim_test_every_XXXXXX";
  ck_assert_ptr_nonnull(mkdtemp(dir));
  char path[128];
  snprintf(path, sizeof path, "%s/scenario.ini", dir);
  FILE *f = fopen(path, "w");
  ck_assert_ptr_nonnull(f);
  fputs("[scenario]\nduration = 20s\n[script]\n0s = netif-up\n"
        "2s = udp-send 10.77.0.1:514 10 every 5s\n"
        "3s = dns-lookup a.local every 10s\n",
        f);
  fclose(f);
  struct lwipsim_scenario sc;
  char err[512];
  ck_assert_msg(lwipsim_scenario_load(dir, &sc, err, sizeof err) == 0, "%s", err);
  /* netif-up; udp-send at 2, 7, 12, 17 s; dns-lookup at 3, 13 s */
  ck_assert_uint_eq(sc.n_actions, 7);
  static const uint64_t times[] = { 0, 2000, 3000, 7000, 12000, 13000, 17000 };
  for (size_t i = 0; i < 7; i++) {
    ck_assert_uint_eq(sc.actions[i].time_ms, times[i]);
  }
  ck_assert_int_eq(sc.actions[3].line, 5); /* a repeat keeps its script line */
  ck_assert_uint_eq(sc.actions[3].first_ms, 2000);
  lwipsim_scenario_free(&sc);

  /* a runaway repeat is refused on its line */
  f = fopen(path, "w");
  fputs("[scenario]\nduration = 200s\n[script]\n0s = udp-send 10.77.0.1:514 10 every 1ms\n", f);
  fclose(f);
  ck_assert_int_eq(lwipsim_scenario_load(dir, &sc, err, sizeof err), -1);
  char want[256];
  snprintf(want, sizeof want, "%s:4: more than 100000 actions; split the scenario", path);
  ck_assert_str_eq(err, want);
  unlink(path);
  rmdir(dir);
}
END_TEST

/* [device] timers: deadline (the default) or poll DURATION. */
START_TEST(test_actions_device_timers_key)
{
  char dir[] = "/tmp/lwipsim_test_timers_XXXXXX";
  ck_assert_ptr_nonnull(mkdtemp(dir));
  char path[128], err[512], want[512];
  snprintf(path, sizeof path, "%s/scenario.ini", dir);
  static const struct {
    const char *value;
    uint64_t poll_ms;
    const char *problem; /* NULL: accepted */
  } cases[] = {
    { "deadline", 0, NULL },
    { "poll 64ms", 64, NULL },
    { "poll 1s", 1000, NULL },
    { "poll", 0, "bad timers 'poll'; write 'deadline' or 'poll DURATION', e.g. 'poll 64ms'" },
    { "poll 0ms", 0, "bad poll interval '0ms' (1ms to 60s); write 'deadline' or 'poll DURATION', e.g. 'poll 64ms'" },
    { "poll 64", 0, "bad poll interval '64' (1ms to 60s); write 'deadline' or 'poll DURATION', e.g. 'poll 64ms'" },
    { "every 64ms", 0, "bad timers 'every 64ms'; write 'deadline' or 'poll DURATION', e.g. 'poll 64ms'" },
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fprintf(f, "[scenario]\nduration = 10s\n[device]\ntimers = %s\n[script]\n0s = netif-up\n", cases[i].value);
    fclose(f);
    struct lwipsim_scenario sc;
    int rc = lwipsim_scenario_load(dir, &sc, err, sizeof err);
    if (cases[i].problem == NULL) {
      ck_assert_msg(rc == 0, "'%s': %s", cases[i].value, err);
      ck_assert_uint_eq(sc.timers_poll_ms, cases[i].poll_ms);
      lwipsim_scenario_free(&sc);
    } else {
      ck_assert_int_eq(rc, -1);
      snprintf(want, sizeof want, "%s:4: %s", path, cases[i].problem);
      ck_assert_str_eq(err, want);
    }
  }
  unlink(path);
  rmdir(dir);
}
END_TEST

/* "on EVENT = ACTION": after every timed action, never run by time; an
 * unknown event and a repeat are refused on their line. */
START_TEST(test_actions_on_events)
{
  char dir[] = "/tmp/lwipsim_test_events_XXXXXX";
  ck_assert_ptr_nonnull(mkdtemp(dir));
  char path[128], err[512], want[512];
  snprintf(path, sizeof path, "%s/scenario.ini", dir);
  FILE *f = fopen(path, "w");
  fputs("[scenario]\nduration = 10s\n[script]\non dhcp-bound = http-get 10.77.0.1:80/hello\n0s = netif-up\n"
        "0s = dhcp\non link-up = igmp-join 239.1.1.1\n",
        f);
  fclose(f);
  struct lwipsim_scenario sc;
  ck_assert_msg(lwipsim_scenario_load(dir, &sc, err, sizeof err) == 0, "%s", err);
  ck_assert_uint_eq(sc.n_actions, 4);
  ck_assert_int_eq(sc.actions[0].kind, LWIPSIM_ACT_NETIF_UP);
  ck_assert_int_eq(sc.actions[1].kind, LWIPSIM_ACT_DHCP);
  ck_assert_int_eq(sc.actions[2].trigger, LWIPSIM_TRIGGER_DHCP_BOUND);
  ck_assert_int_eq(sc.actions[2].kind, LWIPSIM_ACT_HTTP_GET);
  ck_assert_uint_eq(sc.actions[2].time_ms, LWIPSIM_ACTION_ON_EVENT);
  ck_assert_int_eq(sc.actions[3].trigger, LWIPSIM_TRIGGER_LINK_UP);
  lwipsim_scenario_free(&sc);

  static const struct {
    const char *line, *problem;
  } bad[] = {
    { "on wifi-up = link-up", "unknown event 'wifi-up'; write 'on dhcp-bound = ACTION' or 'on link-up = ACTION'" },
    { "on link-up = udp-send 10.77.0.1:514 10 every 5s",
      "an action 'on link-up' cannot repeat with 'every'; give it a time instead" },
    { "on dhcp-bound = mqtt-publish sensors/temp 24 every 2s",
      "an action 'on dhcp-bound' cannot repeat with 'every'; give it a time instead" },
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    f = fopen(path, "w");
    fprintf(f, "[scenario]\nduration = 10s\n[script]\n%s\n", bad[i].line);
    fclose(f);
    ck_assert_int_eq(lwipsim_scenario_load(dir, &sc, err, sizeof err), -1);
    snprintf(want, sizeof want, "%s:4: %s", path, bad[i].problem);
    ck_assert_str_eq(err, want);
  }
  unlink(path);
  rmdir(dir);
}
END_TEST

Suite *scenario_actions_suite(void)
{
  Suite *s = suite_create("scenario_actions");
  TCase *tc = tcase_create("actions");
  tcase_add_test(tc, test_actions_udp);
  tcase_add_test(tc, test_actions_igmp_dns_sntp_link);
  tcase_add_test(tc, test_actions_http_get);
  tcase_add_test(tc, test_actions_mqtt);
  tcase_add_test(tc, test_actions_every_expands_until_the_end);
  tcase_add_test(tc, test_actions_device_timers_key);
  tcase_add_test(tc, test_actions_on_events);
  suite_add_tcase(s, tc);
  return s;
}
