#include "stack/device/mqtt_app.h"

#include <stdlib.h>
#include <string.h>

#include "lwip/opt.h"
#include "scenario/scenario.h"
#include "stack/state/events.h"
#include "stack/state/run_state.h"

/* mqtt.c compiles to nothing without these (2.2.1 mqtt.c:62) */
#if LWIP_TCP && LWIP_CALLBACK_API && LWIP_IPV4

#include "lwip/apps/mqtt.h"
/* the client's output ring buffer, as firmware that sets the client's
 * fields includes it (pico-examples' mqtt_client does) */
#include "lwip/apps/mqtt_priv.h"

/* MQTT 3.1.1's control packet type 12, PINGREQ, in the first byte's high
 * nibble (lwIP's MQTT_MSG_TYPE_PINGREQ, 2.2.1 mqtt.c:104) */
#define PINGREQ_TYPE 12

static mqtt_client_t *client;
/* Where the output ring buffer's put index stood after the device's own
 * last call: lwIP appends between calls only from its cyclic timer (a
 * PINGREQ, mqtt.c:607-612) or to answer a QoS 1/2 publish the device
 * receives, and the device subscribes to nothing. */
static u16_t seen_put;

static void note_put(void) { seen_put = client->output.put; }

static void on_connection(mqtt_client_t *c, void *arg, mqtt_connection_status_t status)
{
  (void)c;
  (void)arg;
  if (status == MQTT_CONNECT_ACCEPTED) {
    lwipsim_state->device.mqtt_connack_ok++;
  } else if (status == MQTT_CONNECT_DISCONNECTED || status == MQTT_CONNECT_TIMEOUT) {
    /* TCP error or reset, the broker closed, or lwIP gave up on CONNACK or
     * on the broker's keep-alive (mqtt.c:584-588, :599-603) */
    lwipsim_state->device.mqtt_disconnected++;
    lwipsim_event_add("mqtt: connection ended (status %d)", (int)status);
  } else {
    lwipsim_state->device.mqtt_connack_refused++;
    lwipsim_event_add("mqtt: broker refused the connection (CONNACK %d)", (int)status);
  }
}

int lwipsim_mqtt_connect(const struct lwipsim_action *a)
{
  if (client == NULL) {
    /* on lwIP's heap, as firmware gets it (mqtt.c:1264) */
    client = mqtt_client_new();
    if (client == NULL) {
      lwipsim_event_add("mqtt-connect: mqtt_client_new failed (heap)");
      return -1;
    }
    lwipsim_mqtt_has_client = 1;
  }
  const struct mqtt_connect_client_info_t info = { .client_id = "lwipsim", .keep_alive = a->keepalive_s };
  ip_addr_t broker;
  IP_ADDR4(&broker, a->addr[0], a->addr[1], a->addr[2], a->addr[3]);
  err_t err = mqtt_client_connect(client, &broker, a->port, on_connection, NULL, &info);
  note_put();
  if (err != ERR_OK) {
    /* ERR_ISCONN while connecting or connected; ERR_MEM: no TCP PCB */
    lwipsim_event_add("mqtt-connect: mqtt_client_connect refused (err %d)", (int)err);
    return -1;
  }
  lwipsim_state->device.mqtt_connects++;
  return 0;
}

int lwipsim_mqtt_publish(const struct lwipsim_action *a)
{
  /* firmware publishes while the client says it is connected (CONNACK
   * accepted) and skips the message otherwise */
  if (client == NULL || !mqtt_client_is_connected(client)) {
    lwipsim_state->device.mqtt_publish_skipped++;
    return -1;
  }
  void *payload = malloc(a->bytes > 0 ? a->bytes : 1);
  if (payload == NULL) {
    return -1;
  }
  memset(payload, 'x', a->bytes);
  /* QoS 0, no retain; no callback: lwIP still holds one of its
   * MQTT_REQ_MAX_IN_FLIGHT requests until the bytes are acknowledged */
  err_t err = mqtt_publish(client, a->name, payload, (u16_t)a->bytes, 0, 0, NULL, NULL);
  free(payload);
  note_put();
  if (err == ERR_MEM) {
    /* the output ring buffer (MQTT_OUTPUT_RINGBUF_SIZE) or the request
     * slots (MQTT_REQ_MAX_IN_FLIGHT) are full: the message is dropped */
    lwipsim_state->device.mqtt_publish_refused++;
    return -1;
  }
  if (err != ERR_OK) {
    lwipsim_event_add("mqtt-publish: mqtt_publish refused (err %d)", (int)err);
    return -1;
  }
  lwipsim_state->device.mqtt_published++;
  return 0;
}

int lwipsim_mqtt_disconnect(void)
{
  if (client == NULL) {
    lwipsim_event_add("mqtt-disconnect: no client");
    return -1;
  }
  mqtt_disconnect(client);
  return 0;
}

/* Packets lwIP appended to the output since the device last looked: walks
 * them by their fixed headers (type byte, then 1-4 length bytes). */
int lwipsim_mqtt_has_client;

void lwipsim_mqtt_look(void)
{
  if (client == NULL) {
    return;
  }
  const struct mqtt_ringbuf_t *rb = &client->output;
  u32_t at = seen_put;
  u32_t pending = (u32_t)(rb->put + MQTT_OUTPUT_RINGBUF_SIZE - seen_put) % MQTT_OUTPUT_RINGBUF_SIZE;
  while (pending > 0) {
    u8_t type = rb->buf[at];
    u32_t remaining = 0, header = 1;
    for (u32_t shift = 0; header < 5 && header < pending; shift += 7) {
      u8_t byte = rb->buf[(at + header) % MQTT_OUTPUT_RINGBUF_SIZE];
      header++;
      remaining |= (u32_t)(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) {
        break;
      }
    }
    if (header + remaining > pending) {
      break; /* not a whole packet: the device's own bookkeeping is off; stop rather than guess */
    }
    if ((type >> 4) == PINGREQ_TYPE) {
      lwipsim_state->device.mqtt_pings++;
    }
    pending -= header + remaining;
    at = (at + header + remaining) % MQTT_OUTPUT_RINGBUF_SIZE;
  }
  seen_put = rb->put;
}

void lwipsim_mqtt_reset(void)
{
  client = NULL; /* a new run has a new lwIP heap */
  lwipsim_mqtt_has_client = 0;
  seen_put = 0;
}

#else /* the script check refuses mqtt-* on such a profile before a run */

int lwipsim_mqtt_connect(const struct lwipsim_action *a)
{
  (void)a;
  return -1;
}
int lwipsim_mqtt_publish(const struct lwipsim_action *a)
{
  (void)a;
  return -1;
}
int lwipsim_mqtt_disconnect(void) { return -1; }
int lwipsim_mqtt_has_client;
void lwipsim_mqtt_look(void) {}
void lwipsim_mqtt_reset(void) {}

#endif
