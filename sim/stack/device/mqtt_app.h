/* The device's MQTT client: lwIP's own app (src/apps/mqtt), one client as a
 * telemetry firmware keeps, connected to a broker, publishing at QoS 0 and
 * kept alive by lwIP's cyclic timer. What it does is counted in the run
 * state's device counters (docs/run-record.md, `device`). */
#ifndef LWIPSIM_DEVICE_MQTT_APP_H
#define LWIPSIM_DEVICE_MQTT_APP_H

struct lwipsim_action;

/* mqtt-connect: mqtt_client_connect to a->addr:a->port with keep-alive
 * a->keepalive_s (the client is made with mqtt_client_new at the first). */
int lwipsim_mqtt_connect(const struct lwipsim_action *a);
/* mqtt-publish: a->bytes to topic a->name at QoS 0, while connected. */
int lwipsim_mqtt_publish(const struct lwipsim_action *a);
/* mqtt-disconnect: mqtt_disconnect (the device closes the connection). */
int lwipsim_mqtt_disconnect(void);
/* The main loop's look at what lwIP's keep-alive timer queued: after every
 * frame and timer pass, and a script without MQTT has no client to look at
 * (lwipsim_mqtt_has_client, set by mqtt_app.c alone), so that is asked
 * inline. */
extern int lwipsim_mqtt_has_client;
void lwipsim_mqtt_look(void);
static inline void lwipsim_mqtt_poll(void)
{
  if (lwipsim_mqtt_has_client) {
    lwipsim_mqtt_look();
  }
}
/* Forgets the client (a new run). */
void lwipsim_mqtt_reset(void);

#endif
