/* lwipsim record's MQTT broker (mosquitto), for a device script with
 * mqtt-connect: listens on the peers' address at the script's port, in the
 * recorder's namespace, with its config and log in the work dir. Every
 * function does nothing when rec->mqtt_port is 0. */
#ifndef LWIPSIM_PEER_MQTT_H
#define LWIPSIM_PEER_MQTT_H

#include <stddef.h>

struct lwipsim_procs;
struct lwipsim_recording;

/* "mosquitto" when the script needs the broker and PATH has none, else NULL. */
const char *lwipsim_peer_mqtt_missing(const struct lwipsim_recording *rec);
/* Starts the broker and waits until it listens; 0, or -1 with err. */
int lwipsim_peer_mqtt_start(struct lwipsim_procs *ps, const struct lwipsim_recording *rec, char *err, size_t errlen);
/* After the run: what the broker logged (connects, PUBLISH, PINGREQ) and
 * the package's version, appended to rec->versions. */
void lwipsim_peer_mqtt_collect(struct lwipsim_recording *rec);
/* One line of what the broker got ("" without MQTT). */
void lwipsim_peer_mqtt_summary(const struct lwipsim_recording *rec, char *buf, size_t len);

#endif
