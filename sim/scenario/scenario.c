/* Scenario files (docs/scenario-format.md): an INI file read with inih.
 *
 * inih does the tokenising; this file checks every section, key and value and
 * turns the first problem into one line "FILE:LINE: problem" that says what to
 * do about it. Debian builds inih without INI_HANDLER_LINENO, so the line of a
 * rejected key comes from ini_parse_stream's return value (the line of the
 * first error); our own line reader counts lines too, for problems found
 * before inih sees a line (too long, indented, unknown empty section). */
#include "scenario/scenario.h"
#include "scenario/shared_captures.h"

#include "common/error_text.h"
#include "common/utf8_text.h"
#include "scenario/scenario_action.h"

#include <ini.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_ACTIONS 100000u /* far beyond any real script; bounds a runaway file */
/* A line read for inih: longer than inih's own buffer (200) so a long line is
 * reported with its length, and bounded so no file makes the reader grow. */
#define LWIPSIM_SCENARIO_LINE_READ 1024

enum key_id {
  KEY_DESCRIPTION,
  KEY_SOURCE,
  KEY_CAPTURE,
  KEY_DURATION,
  KEY_CAPTURE_START,
  KEY_CAPTURE_MAX_GAP,
  KEY_CHECKSUMS,
  KEY_SEED,
  KEY_PROFILE,
  KEY_MAC,
  KEY_TIMERS,
  KEY_AP_MAC,
  KEY_COUNT
};

struct parse_ctx {
  struct lwipsim_scenario *sc;
  FILE *file;
  char linebuf[LWIPSIM_SCENARIO_LINE_READ]; /* one line, bounded: never grows with the file */
  int lineno;                               /* line the reader handed to inih last */
  int failed;
  int err_line;
  char msg[768];
  int key_line[KEY_COUNT]; /* where each single-valued key was set; 0 = not yet */
  int scenario_line;       /* line of the [scenario] header; 0 = none */
  size_t actions_cap;
  char dir[PATH_MAX];     /* the scenario directory, for the capture path */
  char capture[PATH_MAX]; /* capture as written in the file */
};

static const char *const section_names[] = { "scenario", "device", "script" };

/* Records the first problem only: later ones are often consequences of it. */
static int fail(struct parse_ctx *c, int line, const char *fmt, ...)
{
  va_list ap;

  if (c->failed) {
    return 0;
  }
  c->failed = 1;
  c->err_line = line;
  va_start(ap, fmt);
  vsnprintf(c->msg, sizeof(c->msg), fmt, ap);
  va_end(ap);
  return 0;
}

static int push_action(struct parse_ctx *c, const struct lwipsim_action *act)
{
  struct lwipsim_scenario *sc = c->sc;

  /* checked on every push, not only when the array grows: doubling would
   * let 131,072 through */
  if (sc->n_actions >= MAX_ACTIONS) {
    return fail(c, c->lineno, "more than %u actions; split the scenario", MAX_ACTIONS);
  }
  if (sc->n_actions == c->actions_cap) {
    size_t cap = c->actions_cap ? c->actions_cap * 2 : 16;
    struct lwipsim_action *grown;

    grown = realloc(sc->actions, cap * sizeof(*grown));
    if (grown == NULL) {
      return fail(c, c->lineno, "out of memory");
    }
    sc->actions = grown;
    c->actions_cap = cap;
  }
  sc->actions[sc->n_actions++] = *act;
  return 1;
}

static int handle_script(struct parse_ctx *c, const char *time, const char *value)
{
  struct lwipsim_action act;
  char msg[sizeof(c->msg)];

  memset(&act, 0, sizeof(act));
  act.line = c->lineno;
  if (strncmp(time, "on ", 3) == 0) {
    const char *event = time + 3 + strspn(time + 3, " ");
    if (strcmp(event, "dhcp-bound") == 0) {
      act.trigger = LWIPSIM_TRIGGER_DHCP_BOUND;
    } else if (strcmp(event, "link-up") == 0) {
      act.trigger = LWIPSIM_TRIGGER_LINK_UP;
    } else {
      return fail(c, c->lineno, "unknown event '%s'; write 'on dhcp-bound = ACTION' or 'on link-up = ACTION'", event);
    }
    act.time_ms = LWIPSIM_ACTION_ON_EVENT;
    if (lwipsim_scenario_parse_action(value, &act, msg, sizeof(msg)) != 0) {
      return fail(c, c->lineno, "%s", msg);
    }
    if (act.every_ms != 0) {
      return fail(c, c->lineno, "an action 'on %s' cannot repeat with 'every'; give it a time instead", event);
    }
    return push_action(c, &act);
  }
  int rc = lwipsim_parse_duration_ms(time, &act.time_ms);
  if (rc == -2) {
    return fail(c, c->lineno, "time '%s' is over the limit of %s", time, LWIPSIM_TIME_MAX_TEXT);
  }
  if (rc != 0) {
    return fail(c, c->lineno, "bad time '%s'; write e.g. '0s', '1500ms', '0.25s' (at most 3 decimals) or '2min'", time);
  }
  if (lwipsim_scenario_parse_action(value, &act, msg, sizeof(msg)) != 0) {
    return fail(c, c->lineno, "%s", msg);
  }
  return push_action(c, &act);
}

/* ---- [scenario] and [device] ---- */

static int copy_text(struct parse_ctx *c, const char *key, char *dst, size_t dstlen, const char *value)
{
  if (strlen(value) >= dstlen) {
    return fail(c, c->lineno, "%s is too long (at most %zu characters)", key, dstlen - 1);
  }
  memcpy(dst, value, strlen(value) + 1);
  return 1;
}

static int set_time_key(struct parse_ctx *c, const char *key, const char *value, uint64_t *ms)
{
  int rc = lwipsim_parse_duration_ms(value, ms);
  if (rc == -2) {
    return fail(c, c->lineno, "%s '%s' is over the limit of %s", key, value, LWIPSIM_TIME_MAX_TEXT);
  }
  if (rc != 0) {
    return fail(c, c->lineno,
                "bad time '%s' for %s; write e.g. '90s', '1500ms', '0.25s' (at most 3 decimals) "
                "or '5min'",
                value, key);
  }
  return 1;
}

/* Profile names are folder names under lwipopts/ (docs/profiles.md). */
static int set_profile(struct parse_ctx *c, const char *value)
{
  const char *p;

  for (p = value; *p != '\0'; p++) {
    if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '.' || *p == '-' ||
          *p == '_')) {
      break;
    }
  }
  if (*value == '\0' || *p != '\0') {
    return fail(c, c->lineno,
                "bad profile '%s'; write a profile name from `lwipsim profiles` (letters, digits, "
                "'.', '-', '_'), e.g. circuitpython-9.0.5",
                value);
  }
  return copy_text(c, "profile", c->sc->profile, sizeof(c->sc->profile), value);
}

/* [device] timers: how the firmware serves lwIP's timers. "deadline": at
 * each timer's due time (pico-sdk's async context); "poll DURATION": from a
 * periodic poll (MicroPython rp2 calls sys_check_timeouts every 64 ms). */
static int set_timers(struct parse_ctx *c, const char *value)
{
  const char *usage = "write 'deadline' or 'poll DURATION', e.g. 'poll 64ms'";
  if (strcmp(value, "deadline") == 0) {
    c->sc->timers_poll_ms = 0;
    return 1;
  }
  if (strncmp(value, "poll ", 5) != 0) {
    return fail(c, c->lineno, "bad timers '%s'; %s", value, usage);
  }
  const char *d = value + 5;
  while (*d == ' ') {
    d++;
  }
  if (lwipsim_parse_duration_ms(d, &c->sc->timers_poll_ms) != 0 || c->sc->timers_poll_ms == 0 ||
      c->sc->timers_poll_ms > 60000) {
    return fail(c, c->lineno, "bad poll interval '%s' (1ms to 60s); %s", d, usage);
  }
  return 1;
}

static int set_key(struct parse_ctx *c, enum key_id id, const char *key, const char *value)
{
  struct lwipsim_scenario *sc = c->sc;
  uint64_t v;

  switch (id) {
  case KEY_DESCRIPTION: return copy_text(c, key, sc->description, sizeof(sc->description), value);
  case KEY_SOURCE: return copy_text(c, key, sc->source, sizeof(sc->source), value);
  case KEY_CAPTURE:
    if (*value == '\0') {
      return fail(c, c->lineno, "capture is empty; name a pcap file or remove the line");
    }
    return copy_text(c, key, c->capture, sizeof(c->capture), value);
  case KEY_DURATION:
    if (lwipsim_parse_duration_ms(value, &sc->duration_ms) != -2 && !set_time_key(c, key, value, &sc->duration_ms)) {
      return 0;
    }
    if (sc->duration_ms == 0) {
      return fail(c, c->lineno, "duration must be more than 0");
    }
    if (sc->duration_ms > LWIPSIM_MAX_DURATION_MS) {
      return fail(c, c->lineno, "duration %s is longer than the longest run lwipsim replays (%llus, about 115 days)",
                  value, LWIPSIM_MAX_DURATION_MS / 1000);
    }
    return 1;
  case KEY_CAPTURE_START: return set_time_key(c, key, value, &sc->capture_start_ms);
  case KEY_CAPTURE_MAX_GAP:
    if (!set_time_key(c, key, value, &sc->capture_max_gap_ms)) {
      return 0;
    }
    if (sc->capture_max_gap_ms == 0) {
      return fail(c, c->lineno, "capture_max_gap must be more than 0; remove the line to keep the capture's spacing");
    }
    return 1;
  case KEY_PROFILE: return set_profile(c, value);
  case KEY_CHECKSUMS:
    if (strcmp(value, "keep") != 0 && strcmp(value, "recompute") != 0) {
      return fail(c, c->lineno, "bad capture_checksums '%s'; write 'keep' (the default) or 'recompute'", value);
    }
    sc->capture_checksums_recompute = strcmp(value, "recompute") == 0;
    return 1;
  case KEY_SEED:
    if (lwipsim_scenario_parse_uint(value, UINT32_MAX, &v) != 0) {
      return fail(c, c->lineno, "bad seed '%s'; write a whole number from 0 to 4294967295", value);
    }
    sc->seed = (uint32_t)v;
    return 1;
  case KEY_MAC:
    if (lwipsim_parse_mac(value, sc->device_mac) != 0) {
      return fail(c, c->lineno, "bad MAC '%s'; write six hex pairs separated by ':', e.g. 28:cd:c1:03:9e:26", value);
    }
    sc->has_device_mac = 1;
    return 1;
  case KEY_TIMERS: return set_timers(c, value);
  case KEY_AP_MAC:
    if (lwipsim_parse_mac(value, sc->ap_mac) != 0) {
      return fail(c, c->lineno, "bad ap_mac '%s'; write six hex pairs separated by ':', e.g. 28:cd:c1:03:9e:27", value);
    }
    sc->has_ap_mac = 1;
    return 1;
  default: return fail(c, c->lineno, "internal error: key %d", (int)id);
  }
}

static const struct {
  const char *section;
  const char *name;
  enum key_id id;
} keys[] = {
  { "scenario", "description", KEY_DESCRIPTION },
  { "scenario", "source", KEY_SOURCE },
  { "scenario", "capture", KEY_CAPTURE },
  { "scenario", "duration", KEY_DURATION },
  { "scenario", "capture_start", KEY_CAPTURE_START },
  { "scenario", "capture_max_gap", KEY_CAPTURE_MAX_GAP },
  { "scenario", "capture_checksums", KEY_CHECKSUMS },
  { "scenario", "seed", KEY_SEED },
  { "scenario", "profile", KEY_PROFILE },
  { "device", "mac", KEY_MAC },
  { "device", "timers", KEY_TIMERS },
  { "device", "ap_mac", KEY_AP_MAC },
};

static int handle_key(struct parse_ctx *c, const char *section, const char *name, const char *value)
{
  size_t i;

  for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
    if (strcmp(keys[i].section, section) == 0 && strcmp(keys[i].name, name) == 0) {
      if (c->key_line[keys[i].id] != 0) {
        return fail(c, c->lineno, "duplicate key '%s' (already set on line %d); only [script] may repeat keys", name,
                    c->key_line[keys[i].id]);
      }
      c->key_line[keys[i].id] = c->lineno;
      return set_key(c, keys[i].id, name, value);
    }
  }
  if (strcmp(section, "device") == 0) {
    return fail(c, c->lineno, "unknown key '%s' in [device]; valid keys: mac, timers, ap_mac", name);
  }
  return fail(c, c->lineno,
              "unknown key '%s' in [scenario]; valid keys: description, source, capture, duration, "
              "capture_start, capture_max_gap, capture_checksums, seed, profile",
              name);
}

static int on_key(void *user, const char *section, const char *name, const char *value)
{
  struct parse_ctx *c = user;

  if (c->failed) {
    return 0;
  }
  if (strcmp(section, "script") == 0) {
    return handle_script(c, name, value);
  }
  if (strcmp(section, "scenario") == 0 || strcmp(section, "device") == 0) {
    return handle_key(c, section, name, value);
  }
  if (*section == '\0') {
    return fail(c, c->lineno, "'%s' is outside any section; put it under [scenario], [device] or [script]", name);
  }
  return fail(c, c->lineno, "unknown section [%s]; valid sections: [scenario], [device], [script]", section);
}

/* ---- line reader ---- */

/* Checks a line before inih parses it, for what inih would silently get wrong. */
static int check_line(struct parse_ctx *c, const char *line)
{
  const char *start = line;
  const char *p, *end;
  size_t i, n, bad_at;

  /* run records (JSON) and junit.xml carry these values as they are */
  if (lwipsim_utf8_text_check(line, &bad_at) != 0) {
    return fail(c, c->lineno, "column %zu: not UTF-8 text (or a control character); save the file as UTF-8",
                bad_at + 1);
  }
  if (c->lineno == 1 && strncmp(start, "\xEF\xBB\xBF", 3) == 0) {
    start += 3; /* inih skips a UTF-8 byte order mark */
  }
  for (p = start; *p == ' ' || *p == '\t'; p++) {
  }
  if (*p == '\0' || *p == ';' || *p == '#') {
    return 1;
  }
  if (p != start) {
    /* inih reads an indented line after a key as more of that key's value */
    return fail(c, c->lineno,
                "indented line; inih would read it as a continuation of the previous value, "
                "remove the indentation");
  }
  if (*p != '[' || (end = strchr(p, ']')) == NULL) {
    return 1; /* key lines and malformed headers: inih and the handler judge them */
  }
  /* Checked here rather than in the handler, so that an empty section with a
   * misspelt name is caught and the header's own line is the one reported. */
  n = (size_t)(end - p - 1);
  for (i = 0; i < sizeof(section_names) / sizeof(section_names[0]); i++) {
    if (strlen(section_names[i]) == n && strncmp(p + 1, section_names[i], n) == 0) {
      if (i == 0 && c->scenario_line == 0) {
        c->scenario_line = c->lineno;
      }
      return 1;
    }
  }
  return fail(c, c->lineno, "unknown section [%.*s]; valid sections: [scenario], [device], [script]", (int)n, p + 1);
}

/* Reads one line into buf (at most cap - 1 bytes, NUL-terminated, the newline
 * dropped). Returns its length, -1 at end of file, -2 when the line does not
 * fit (the rest of it is left unread: a file without newlines, /dev/zero say,
 * must not be read to its end), -3 on a NUL byte. Bounded by construction,
 * unlike getline, whose ENOMEM on a huge line looked like end of file. */
static ssize_t read_bounded_line(FILE *f, char *buf, size_t cap, size_t *seen)
{
  size_t len = 0;
  int ch;

  *seen = 0;
  while ((ch = getc(f)) != EOF) {
    if (ch == '\n') {
      break;
    }
    if (ch == '\0') {
      return -3;
    }
    if (len + 1 >= cap) {
      *seen = len + 1;
      return -2;
    }
    buf[len++] = (char)ch;
  }
  if (ch == EOF && len == 0) {
    return -1;
  }
  buf[len] = '\0';
  *seen = len;
  return (ssize_t)len;
}

/* fgets-like reader for ini_parse_stream that counts lines, refuses lines
 * longer than inih's buffer (inih would split them and misparse the rest) and
 * stops the parse after the first problem. */
static char *ini_reader_fn(char *str, int num, void *stream)
{
  struct parse_ctx *c = stream;
  ssize_t got;
  size_t len, seen;
  size_t allowed = num < 4 ? 0 : (size_t)num - 3;

  if (c->failed) {
    return NULL;
  }
  got = read_bounded_line(c->file, c->linebuf, sizeof c->linebuf, &seen);
  if (got == -1) {
    if (ferror(c->file)) {
      fail(c, c->lineno + 1, "read error: %s", strerror(errno));
    }
    return NULL;
  }
  c->lineno++;
  if (got == -3) {
    fail(c, c->lineno, "NUL byte in the line; is this a text file?");
    return NULL;
  }
  if (got == -2) {
    fail(c, c->lineno, "line is longer than %zu characters; at most %zu are allowed", seen - 1, allowed);
    return NULL;
  }
  len = (size_t)got;
  while (len > 0 && c->linebuf[len - 1] == '\r') {
    c->linebuf[--len] = '\0';
  }
  if (len > allowed) {
    fail(c, c->lineno, "line is %zu characters long; at most %zu are allowed", len, allowed);
    return NULL;
  }
  if (!check_line(c, c->linebuf)) {
    return NULL;
  }
  memcpy(str, c->linebuf, len);
  str[len] = '\n';
  str[len + 1] = '\0';
  return str;
}

/* ---- whole-file checks ---- */

static int action_cmp(const void *a, const void *b)
{
  const struct lwipsim_action *x = a, *y = b;

  if (x->time_ms != y->time_ms) {
    return x->time_ms < y->time_ms ? -1 : 1;
  }
  /* equal times keep file order; lines are unique per action */
  return (x->line > y->line) - (x->line < y->line);
}

static int check_required(struct parse_ctx *c)
{
  struct lwipsim_scenario *sc = c->sc;
  size_t i;

  if (c->key_line[KEY_DURATION] == 0) {
    if (c->scenario_line == 0) {
      return fail(c, 1, "no [scenario] section; a scenario needs at least '[scenario]' and 'duration = 90s'");
    }
    return fail(c, c->scenario_line, "[scenario] has no duration; add e.g. 'duration = 90s'");
  }
  if (c->key_line[KEY_CAPTURE] == 0) {
    static const enum key_id needs_capture[] = { KEY_CAPTURE_MAX_GAP, KEY_CHECKSUMS };
    size_t k;

    for (k = 0; k < sizeof(needs_capture) / sizeof(needs_capture[0]); k++) {
      if (c->key_line[needs_capture[k]] != 0) {
        return fail(c, c->key_line[needs_capture[k]],
                    "%s is set but there is no capture; remove it or add "
                    "'capture = ...'",
                    needs_capture[k] == KEY_CHECKSUMS ? "capture_checksums" : "capture_max_gap");
      }
    }
  }
  if (c->key_line[KEY_CAPTURE] != 0 && !sc->has_device_mac) {
    return fail(c, c->key_line[KEY_CAPTURE],
                "capture is set but [device] has no mac; add '[device]' with "
                "'mac = XX:XX:XX:XX:XX:XX', the device's MAC in the capture");
  }
  if (sc->capture_start_ms > sc->duration_ms) {
    return fail(c, c->key_line[KEY_CAPTURE_START],
                "capture_start %llums is after the end of the run "
                "(duration %llums); lower it or raise duration",
                (unsigned long long)sc->capture_start_ms, (unsigned long long)sc->duration_ms);
  }
  if (sc->has_ap_mac && sc->has_device_mac && memcmp(sc->ap_mac, sc->device_mac, 6) == 0) {
    return fail(c, c->key_line[KEY_AP_MAC],
                "ap_mac is the station's mac; the access point needs a MAC of its own (the CYW43 derives one "
                "per interface)");
  }
  for (i = 0; i < sc->n_actions; i++) {
    const struct lwipsim_action *a = &sc->actions[i];

    if (a->itf == LWIPSIM_ITF_AP && !sc->has_ap_mac) {
      return fail(c, a->line,
                  "%s on ap, but [device] has no ap_mac; add 'ap_mac = XX:XX:XX:XX:XX:XX' to [device] for the "
                  "access-point interface",
                  lwipsim_action_name(a->kind));
    }
    if (a->trigger == LWIPSIM_TRIGGER_TIME && a->time_ms > sc->duration_ms) {
      return fail(c, a->line,
                  "%s at %llums is after the end of the run (duration %llums); raise duration or move "
                  "the action",
                  lwipsim_action_name(a->kind), (unsigned long long)a->time_ms, (unsigned long long)sc->duration_ms);
    }
  }
  return 1;
}

/* "shared:NAME": NAME is a file name in the shared captures folder, which is
 * outside the repository and never copied into it. */
static int resolve_shared(struct parse_ctx *c, char *err, size_t errlen)
{
  struct lwipsim_scenario *sc = c->sc;
  const char *name = c->capture + strlen(LWIPSIM_SHARED_PREFIX);
  int line = c->key_line[KEY_CAPTURE];
  char dir[PATH_MAX];
  struct stat st;
  int n;

  sc->capture_is_shared = 1;
  if (*name == '\0' || strchr(name, '/') != NULL || strcmp(name, ".") == 0 || strcmp(name, "..") == 0) {
    lwipsim_set_err(err, errlen,
                    "%s:%d: bad shared capture '%s'; write 'shared:FILE' with a file name and no '/', e.g. "
                    "shared:01_lwip_esp8266_osram_lightify_setup_mdns_httpsvc.pcap",
                    sc->path, line, c->capture);
    return -1;
  }
  if (lwipsim_shared_captures_dir(c->dir, dir, sizeof(dir)) != 0) {
    lwipsim_set_err(
        err, errlen,
        "%s:%d: capture '%s' is in the shared captures, but %s is not set and no repository root "
        "(a folder with scenarios/ and lwipopts/) is above the scenario; set %s to the shared captures folder",
        sc->path, line, c->capture, LWIPSIM_SHARED_ENV, LWIPSIM_SHARED_ENV);
    return -1;
  }
  n = snprintf(sc->capture_path, sizeof(sc->capture_path), "%s/%s", dir, name);
  if (n < 0 || (size_t)n >= sizeof(sc->capture_path)) {
    lwipsim_set_err(err, errlen, "%s:%d: capture path is too long", sc->path, line);
    return -1;
  }
  if (stat(sc->capture_path, &st) != 0 || !S_ISREG(st.st_mode)) {
    const char *env = getenv(LWIPSIM_SHARED_ENV);

    lwipsim_set_err(err, errlen,
                    "%s:%d: shared capture '%s' not found (looked for %s); %s %s the folder holding the "
                    "shared captures",
                    sc->path, line, name, sc->capture_path, env != NULL && *env != '\0' ? "point" : "set",
                    env != NULL && *env != '\0' ? LWIPSIM_SHARED_ENV " at" : LWIPSIM_SHARED_ENV " to");
    return -1;
  }
  return 0;
}

static int resolve_capture(struct parse_ctx *c, char *err, size_t errlen)
{
  struct lwipsim_scenario *sc = c->sc;
  struct stat st;
  int n;

  if (c->capture[0] == '\0') {
    return 0;
  }
  if (strncmp(c->capture, LWIPSIM_SHARED_PREFIX, strlen(LWIPSIM_SHARED_PREFIX)) == 0) {
    return resolve_shared(c, err, errlen);
  }
  if (c->capture[0] == '/') {
    n = snprintf(sc->capture_path, sizeof(sc->capture_path), "%s", c->capture);
  } else {
    n = snprintf(sc->capture_path, sizeof(sc->capture_path), "%s/%s", c->dir, c->capture);
  }
  if (n < 0 || (size_t)n >= sizeof(sc->capture_path)) {
    lwipsim_set_err(err, errlen, "%s:%d: capture path is too long", sc->path, c->key_line[KEY_CAPTURE]);
    return -1;
  }
  if (stat(sc->capture_path, &st) != 0) {
    lwipsim_set_err(err, errlen, "%s: capture '%s' not found (looked for %s)", sc->path, c->capture, sc->capture_path);
    return -1;
  }
  if (!S_ISREG(st.st_mode)) {
    lwipsim_set_err(err, errlen, "%s: capture '%s' is %s, not a pcap or pcapng file (%s)", sc->path, c->capture,
                    S_ISDIR(st.st_mode) ? "a folder" : "not a regular file", sc->capture_path);
    return -1;
  }
  return 0;
}

/* "every DURATION": each repeat becomes an action of its own at its time,
 * up to the end of the run, so the engine and the analysis see the script as
 * it plays out. The copies count against MAX_ACTIONS like written lines. */
static int expand_repeats(struct parse_ctx *c)
{
  struct lwipsim_scenario *sc = c->sc;
  size_t written = sc->n_actions;

  for (size_t i = 0; i < written; i++) {
    sc->actions[i].first_ms = sc->actions[i].time_ms;
  }
  for (size_t i = 0; i < written; i++) {
    const struct lwipsim_action a = sc->actions[i];

    if (a.every_ms == 0) {
      continue;
    }
    for (uint64_t t = a.time_ms + a.every_ms; t < sc->duration_ms; t += a.every_ms) {
      struct lwipsim_action copy = a;

      copy.time_ms = t;
      c->lineno = a.line;
      if (!push_action(c, &copy)) {
        return 0;
      }
    }
  }
  return 1;
}

/* ---- loading ---- */

/* Works out the scenario.ini path, its directory and the scenario's name. */
static int locate(const char *dir_or_file, struct parse_ctx *c, char *err, size_t errlen)
{
  struct lwipsim_scenario *sc = c->sc;
  char real[PATH_MAX];
  const char *base;
  struct stat st;
  size_t n;
  int w;

  if (stat(dir_or_file, &st) != 0) {
    lwipsim_set_err(err, errlen, "%s: %s", dir_or_file, strerror(errno));
    return -1;
  }
  w = snprintf(c->dir, sizeof(c->dir), "%s", dir_or_file);
  if (w < 0 || (size_t)w >= sizeof(c->dir)) {
    lwipsim_set_err(err, errlen, "%s: path is too long", dir_or_file);
    return -1;
  }
  if (S_ISDIR(st.st_mode)) {
    n = strlen(c->dir);
    while (n > 1 && c->dir[n - 1] == '/') {
      c->dir[--n] = '\0';
    }
    w = snprintf(sc->path, sizeof(sc->path), "%s/%s", c->dir, LWIPSIM_SCENARIO_FILE);
    if (w < 0 || (size_t)w >= sizeof(sc->path)) {
      lwipsim_set_err(err, errlen, "%s: path is too long", dir_or_file);
      return -1;
    }
    if (stat(sc->path, &st) != 0) {
      lwipsim_set_err(err, errlen, "%s: no %s (a scenario is a folder with %s and optionally a capture)", dir_or_file,
                      LWIPSIM_SCENARIO_FILE, LWIPSIM_SCENARIO_FILE);
      return -1;
    }
    if (!S_ISREG(st.st_mode)) {
      lwipsim_set_err(err, errlen, "%s: not a regular file; a scenario file must be a plain text file", sc->path);
      return -1;
    }
  } else {
    char *slash;

    /* a FIFO would block the read forever, a device never end */
    if (!S_ISREG(st.st_mode)) {
      lwipsim_set_err(err, errlen, "%s: not a regular file; give a scenario folder or its %s", dir_or_file,
                      LWIPSIM_SCENARIO_FILE);
      return -1;
    }
    snprintf(sc->path, sizeof(sc->path), "%s", dir_or_file);
    slash = strrchr(c->dir, '/');
    if (slash == NULL) {
      snprintf(c->dir, sizeof(c->dir), ".");
    } else {
      slash[slash == c->dir ? 1 : 0] = '\0';
    }
  }
  /* "." or "../x/" would make poor names: use the real directory's */
  base = realpath(c->dir, real) != NULL ? real : c->dir;
  if (strrchr(base, '/') != NULL && strrchr(base, '/')[1] != '\0') {
    base = strrchr(base, '/') + 1;
  }
  if (strlen(base) >= sizeof(sc->name)) {
    lwipsim_set_err(err, errlen, "%s: the scenario's folder name is too long (at most %zu characters)", dir_or_file,
                    sizeof(sc->name) - 1);
    return -1;
  }
  if (lwipsim_utf8_text_check(base, NULL) != 0) {
    lwipsim_set_err(err, errlen,
                    "%s: the scenario's folder name is not UTF-8 text; rename it (it names the scenario in records "
                    "and reports)",
                    dir_or_file);
    return -1;
  }
  memcpy(sc->name, base, strlen(base) + 1);
  return 0;
}

static int parse_file(struct parse_ctx *c, char *err, size_t errlen)
{
  struct lwipsim_scenario *sc = c->sc;
  int ret;

  c->file = fopen(sc->path, "r");
  if (c->file == NULL) {
    lwipsim_set_err(err, errlen, "%s: %s", sc->path, strerror(errno));
    return -1;
  }
  ret = ini_parse_stream(ini_reader_fn, c, on_key, c);
  fclose(c->file);
  c->file = NULL;
  if (ret == -2) {
    lwipsim_set_err(err, errlen, "%s: out of memory", sc->path);
    return -1;
  }
  /* inih reports the first line it rejected, ours or its own syntax error */
  if (ret > 0 && (!c->failed || ret < c->err_line)) {
    lwipsim_set_err(err, errlen, "%s:%d: syntax error; expected '[section]', 'key = value' or a ';' comment", sc->path,
                    ret);
    return -1;
  }
  if (c->failed) {
    lwipsim_set_err(err, errlen, "%s:%d: %s", sc->path, ret > 0 ? ret : c->err_line, c->msg);
    return -1;
  }
  return 0;
}

int lwipsim_scenario_load(const char *dir_or_file, struct lwipsim_scenario *sc, char *err, size_t errlen)
{
  struct parse_ctx *c;
  int rc = -1;

  if (sc == NULL || dir_or_file == NULL) {
    lwipsim_set_err(err, errlen, "lwipsim_scenario_load: no scenario or path");
    return -1;
  }
  memset(sc, 0, sizeof(*sc));
  sc->seed = 1;
  c = calloc(1, sizeof(*c)); /* two PATH_MAX buffers: keep them off the stack */
  if (c == NULL) {
    lwipsim_set_err(err, errlen, "%s: out of memory", dir_or_file);
    return -1;
  }
  c->sc = sc;
  if (locate(dir_or_file, c, err, errlen) == 0 && parse_file(c, err, errlen) == 0) {
    if (!check_required(c) || !expand_repeats(c)) {
      lwipsim_set_err(err, errlen, "%s:%d: %s", sc->path, c->err_line, c->msg);
    } else if (resolve_capture(c, err, errlen) == 0) {
      if (sc->n_actions > 1) {
        qsort(sc->actions, sc->n_actions, sizeof(sc->actions[0]), action_cmp);
      }
      rc = 0;
    }
  }
  free(c);
  if (rc != 0) {
    lwipsim_scenario_free(sc);
  }
  return rc;
}

void lwipsim_scenario_free(struct lwipsim_scenario *sc)
{
  if (sc == NULL) {
    return;
  }
  free(sc->actions);
  sc->actions = NULL;
  sc->n_actions = 0;
}
