#include "report/pool_macros.h"

#include <stdio.h>
#include <string.h>

/* From lwIP's src/include/lwip/priv/memp_std.h (2.1.3 and 2.2.1 agree):
 * LWIP_MEMPOOL(name, number_elements, ...). IP6_REASSDATA is sized by the same
 * MEMP_NUM_REASSDATA as IPv4's REASSDATA. */
static const struct {
  const char *pool;
  const char *macro;
} pool_macros[] = {
  { "RAW_PCB", "MEMP_NUM_RAW_PCB" },
  { "UDP_PCB", "MEMP_NUM_UDP_PCB" },
  { "TCP_PCB", "MEMP_NUM_TCP_PCB" },
  { "TCP_PCB_LISTEN", "MEMP_NUM_TCP_PCB_LISTEN" },
  { "TCP_SEG", "MEMP_NUM_TCP_SEG" },
  { "ALTCP_PCB", "MEMP_NUM_ALTCP_PCB" },
  { "REASSDATA", "MEMP_NUM_REASSDATA" },
  { "FRAG_PBUF", "MEMP_NUM_FRAG_PBUF" },
  { "NETBUF", "MEMP_NUM_NETBUF" },
  { "NETCONN", "MEMP_NUM_NETCONN" },
  { "TCPIP_MSG_API", "MEMP_NUM_TCPIP_MSG_API" },
  { "API_MSG", "MEMP_NUM_API_MSG" },
  { "DNS_API_MSG", "MEMP_NUM_DNS_API_MSG" },
  { "SOCKET_SETGETSOCKOPT_DATA", "MEMP_NUM_SOCKET_SETGETSOCKOPT_DATA" },
  { "SELECT_CB", "MEMP_NUM_SELECT_CB" },
  { "NETIFAPI_MSG", "MEMP_NUM_NETIFAPI_MSG" },
  { "TCPIP_MSG_INPKT", "MEMP_NUM_TCPIP_MSG_INPKT" },
  { "ARP_QUEUE", "MEMP_NUM_ARP_QUEUE" },
  { "IGMP_GROUP", "MEMP_NUM_IGMP_GROUP" },
  { "SYS_TIMEOUT", "MEMP_NUM_SYS_TIMEOUT" },
  { "NETDB", "MEMP_NUM_NETDB" },
  { "LOCALHOSTLIST", "MEMP_NUM_LOCALHOSTLIST" },
  { "ND6_QUEUE", "MEMP_NUM_ND6_QUEUE" },
  { "IP6_REASSDATA", "MEMP_NUM_REASSDATA" },
  { "MLD6_GROUP", "MEMP_NUM_MLD6_GROUP" },
  { "PBUF", "MEMP_NUM_PBUF" },
  { "PBUF_POOL", "PBUF_POOL_SIZE" },
};

const char *lwipsim_pool_macro(const char *pool)
{
  for (size_t i = 0; i < sizeof pool_macros / sizeof pool_macros[0]; i++) {
    if (strcmp(pool_macros[i].pool, pool) == 0) {
      return pool_macros[i].macro;
    }
  }
  return NULL;
}

int lwipsim_paste_line(const char *pool, long value, const cJSON *options, char *buf, size_t cap)
{
  const char *macro = lwipsim_pool_macro(pool);
  if (macro == NULL) {
    return -1;
  }
  const cJSON *internal = cJSON_GetObjectItemCaseSensitive(options, "LWIP_NUM_SYS_TIMEOUT_INTERNAL");
  if (strcmp(pool, "SYS_TIMEOUT") == 0 && cJSON_IsNumber(internal) && value >= (long)internal->valuedouble) {
    /* lwIP's core count moves with the options (docs/bounds.md section 1): a
     * line relative to it keeps the app timers' headroom when they change. */
    long extra = value - (long)internal->valuedouble;
    if (extra == 0) {
      snprintf(buf, cap, "#define %s LWIP_NUM_SYS_TIMEOUT_INTERNAL", macro);
    } else {
      snprintf(buf, cap, "#define %s (LWIP_NUM_SYS_TIMEOUT_INTERNAL + %ld)", macro, extra);
    }
    return 0;
  }
  snprintf(buf, cap, "#define %s %ld", macro, value);
  return 0;
}
