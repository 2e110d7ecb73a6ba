/* The record's `impact` (docs/run-record.md) and its wording, shared by the
 * run's table and the report. */
#include <cjson/cJSON.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "common/json_get.h"
#include "replay/impact.h"
#include "run_record/json_out.h"
#include "run_record/record.h"

/* Services with a second count inside their entry, under this key. */
static const struct {
  enum lwipsim_impact_service service, part;
} parts[] = { { LWIPSIM_IMPACT_MDNS, LWIPSIM_IMPACT_MDNS_QUERIES },
              { LWIPSIM_IMPACT_HTTP, LWIPSIM_IMPACT_HTTP_CONNECTIONS } };

static int part_of(enum lwipsim_impact_service i)
{
  for (size_t k = 0; k < sizeof parts / sizeof parts[0]; k++) {
    if (parts[k].service == i) {
      return (int)parts[k].part;
    }
  }
  return -1;
}

void lwipsim_record_impact(struct lwipsim_jw *w, const struct lwipsim_run_state *s)
{
  if (!s->impact.failed || !s->impact.finished) {
    lwipsim_jw_null(w, "impact"); /* nothing failed, or a crash record (the rest of the run is unknown) */
    return;
  }
  lwipsim_jw_object(w, "impact");
  lwipsim_jw_uint(w, "after_ms", s->impact.after_ms);
  lwipsim_jw_string(w, "cause", s->impact.cause);
  lwipsim_jw_array(w, "services");
  const uint64_t *missing = s->impact.missing, *of = s->impact.of;
  for (int i = 0; i < LWIPSIM_IMPACT_HTTP_CONNECTIONS; i++) {
    int part = part_of((enum lwipsim_impact_service)i);
    if (missing[i] == 0 && (part < 0 || missing[part] == 0)) {
      continue; /* nothing of it went missing */
    }
    lwipsim_jw_object(w, NULL);
    lwipsim_jw_string(w, "service", lwipsim_impact_service_name((enum lwipsim_impact_service)i));
    lwipsim_jw_string(w, "what", lwipsim_impact_service_what((enum lwipsim_impact_service)i));
    lwipsim_jw_uint(w, "missing", missing[i]);
    lwipsim_jw_uint(w, "of", of[i]);
    if (part >= 0) {
      lwipsim_jw_object(w, lwipsim_impact_service_name((enum lwipsim_impact_service)part));
      lwipsim_jw_uint(w, "missing", missing[part]);
      lwipsim_jw_uint(w, "of", of[part]);
      lwipsim_jw_end(w);
    }
    lwipsim_jw_end(w);
  }
  lwipsim_jw_end(w);
  lwipsim_jw_end(w);
}

/* Per service: its name in a sentence and what its `missing` are; the
 * second count's key and words. */
static const struct {
  const char *service, *label, *phrase, *part, *part_phrase;
} wording[] = {
  { "mdns", "mDNS", "responses not sent", "queries", "later queries unanswered" },
  { "http", "HTTP", "later requests unanswered", "connections", "connections refused" },
  { "dhcp", "DHCP", "renewals not sent", NULL, NULL },
  { "sntp", "SNTP", "requests not sent", NULL, NULL },
  { "dns", "DNS", "queries not sent", NULL, NULL },
  { "mqtt", "MQTT", "keep-alives (PINGREQ) not sent", NULL, NULL },
  { "udp", "UDP", "datagrams not sent", NULL, NULL },
};

__attribute__((format(printf, 4, 5))) static void appendf(char *buf, size_t cap, size_t *at, const char *fmt, ...)
{
  if (*at >= cap) {
    return;
  }
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(buf + *at, cap - *at, fmt, ap);
  va_end(ap);
  if (n > 0) {
    *at += (size_t)n;
  }
}

/* "mDNS silent from then on (9 of 9 later queries unanswered); DHCP: 1 of 2
 * renewals not sent"; "-" without an impact. A service is silent from then
 * on when everything counted of it went missing. */
void lwipsim_impact_text(const cJSON *impact, char *buf, size_t cap)
{
  size_t at = 0;
  const cJSON *e;
  buf[0] = '\0';
  if (!cJSON_IsObject(impact)) {
    snprintf(buf, cap, "-");
    return;
  }
  cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(impact, "services"))
  {
    const char *service = lwipsim_jstr(e, "service", "?");
    const char *label = service, *phrase = "missing", *part_key = NULL, *part_phrase = NULL;
    for (size_t i = 0; i < sizeof wording / sizeof wording[0]; i++) {
      if (strcmp(wording[i].service, service) == 0) {
        label = wording[i].label;
        phrase = wording[i].phrase;
        part_key = wording[i].part;
        part_phrase = wording[i].part_phrase;
      }
    }
    const cJSON *part = part_key ? cJSON_GetObjectItemCaseSensitive(e, part_key) : NULL;
    long m[2] = { lwipsim_jlong(e, "missing", 0), lwipsim_jlong(part, "missing", 0) };
    long n[2] = { lwipsim_jlong(e, "of", 0), lwipsim_jlong(part, "of", 0) };
    const char *words[2] = { phrase, part_phrase };
    int all = (n[0] == 0 || m[0] == n[0]) && (n[1] == 0 || m[1] == n[1]);
    appendf(buf, cap, &at, "%s%s%s", at > 0 ? "; " : "", label, all ? " silent from then on (" : ": ");
    for (int k = 0, first = 1; k < 2; k++) {
      if (m[k] > 0) {
        appendf(buf, cap, &at, "%s%ld of %ld %s", first ? "" : ", ", m[k], n[k], words[k]);
        first = 0;
      }
    }
    appendf(buf, cap, &at, "%s", all ? ")" : "");
  }
  if (at == 0) {
    snprintf(buf, cap, "nothing the captured device did went missing");
  }
}

void lwipsim_impact_cause_text(const cJSON *impact, char *buf, size_t cap)
{
  static const struct {
    const char *cause, *words;
  } causes[] = { { "write-refused", "a write refused (ERR_MEM)" }, { "heap", "a heap allocation refused" } };
  const char *cause = lwipsim_jstr(impact, "cause", "?"), *words = cause;
  for (size_t i = 0; i < sizeof causes / sizeof causes[0]; i++) {
    if (strcmp(causes[i].cause, cause) == 0) {
      words = causes[i].words;
    }
  }
  long ms = lwipsim_jlong(impact, "after_ms", 0);
  snprintf(buf, cap, "%s at %ld.%03ld s", words, ms / 1000, ms % 1000);
}
