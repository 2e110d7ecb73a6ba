/* lwipsim record's MQTT broker: mosquitto on the peers' address, started
 * only when the device script has an mqtt-connect. Its config and log live
 * in the work dir; nothing under /etc/mosquitto is read. */
#include "recorder/peer_mqtt.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "recorder/peers.h"
#include "recorder/procs.h"
#include "recorder/recording.h"

#define MQTT_PACKAGE "mosquitto"

const char *lwipsim_peer_mqtt_missing(const struct lwipsim_recording *rec)
{
  return rec->mqtt_port != 0 && !lwipsim_peers_on_path("mosquitto") ? "mosquitto" : NULL;
}

/* One listener on the peers' address only, anonymous clients, nothing kept
 * across runs, and every message logged (the "Received PUBLISH" and PINGREQ
 * lines are debug level) so the recording can say what the broker got.
 * `user root`: mosquitto started as root otherwise drops to the mosquitto
 * user, which cannot write the log in the root-owned work dir. */
static const char mosquitto_conf[] = "listener %u %s\n"
                                     "allow_anonymous true\n"
                                     "persistence false\n"
                                     "user root\n"
                                     "log_dest file %s/mosquitto.log\n"
                                     "log_type all\n"
                                     "log_timestamp true\n"
                                     "connection_messages true\n";

int lwipsim_peer_mqtt_start(struct lwipsim_procs *ps, const struct lwipsim_recording *rec, char *err, size_t errlen)
{
  if (rec->mqtt_port == 0) {
    return 0;
  }
  char conf[PATH_MAX + 32], text[PATH_MAX + 512], log[PATH_MAX + 32], out[PATH_MAX + 32];
  snprintf(conf, sizeof conf, "%s/mosquitto.conf", rec->work);
  snprintf(log, sizeof log, "%s/mosquitto.log", rec->work);
  snprintf(out, sizeof out, "%s/mosquitto.out", rec->work);
  snprintf(text, sizeof text, mosquitto_conf, rec->mqtt_port, rec->peer_ip, rec->work);
  if (lwipsim_peers_write_text(conf, text) != 0) {
    snprintf(err, errlen, "%s: cannot write the broker's config", conf);
    return -1;
  }
  char *argv[] = { "mosquitto", "-c", conf, NULL };
  /* "mosquitto version 2.0.11 running": the listener is open */
  if (lwipsim_procs_spawn(ps, "mosquitto", argv, out, NULL) < 0 ||
      lwipsim_peers_wait_for_text(log, " running", 5000) != 0) {
    snprintf(err, errlen, "mosquitto did not start (see %s and %s)", log, out);
    return -1;
  }
  return 0;
}

void lwipsim_peer_mqtt_collect(struct lwipsim_recording *rec)
{
  if (rec->mqtt_port == 0) {
    return;
  }
  char log[PATH_MAX + 32];
  snprintf(log, sizeof log, "%s/mosquitto.log", rec->work);
  rec->mqtt_connects = lwipsim_peers_count_lines(log, "New client connected from", 1);
  rec->mqtt_publishes = lwipsim_peers_count_lines(log, "Received PUBLISH from", 1);
  rec->mqtt_pings = lwipsim_peers_count_lines(log, "Received PINGREQ from", 1);

  char version[128];
  char *argv[] = { "dpkg-query", "-W", "-f", "${Version}", MQTT_PACKAGE, NULL };
  if (lwipsim_run_capture(argv, version, sizeof version) != 0 || version[0] == '\0') {
    snprintf(version, sizeof version, "unknown");
  }
  size_t used = strlen(rec->versions);
  snprintf(rec->versions + used, sizeof rec->versions - used, "%s %s\n", MQTT_PACKAGE, version);
}

void lwipsim_peer_mqtt_summary(const struct lwipsim_recording *rec, char *buf, size_t len)
{
  if (rec->mqtt_port == 0) {
    buf[0] = '\0';
    return;
  }
  snprintf(buf, len, "MQTT broker (mosquitto on %s:%u): %u connects, %u PUBLISH, %u PINGREQ received", rec->peer_ip,
           rec->mqtt_port, rec->mqtt_connects, rec->mqtt_publishes, rec->mqtt_pings);
}
