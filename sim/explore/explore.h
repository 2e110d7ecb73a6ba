/* lwipsim explore's search space: perturbations of a scenario that keep its
 * traffic plausible, drawn and mutated from a seeded generator, and written
 * out as a normal scenario (scenario.ini and, with extra queries, a capture).
 *
 * A candidate changes:
 * - the seed of lwIP's random numbers (mDNS answer delays, DHCP and TCP
 *   choices);
 * - the time of each script line whose action has a window (--window
 *   reload=5s:15s: each reload anywhere in 5..15 s);
 * - how many extra copies of peers' mDNS queries (IPv4 UDP to port 5353,
 *   QR = 0) arrive, each from a new address of the sender's /24, within 2 s
 *   of the query it copies: more browsers. Queries carry no conversation, so
 *   a copy never breaks one. */
#ifndef LWIPSIM_EXPLORE_H
#define LWIPSIM_EXPLORE_H

#include <stddef.h>
#include <stdint.h>

#define LWIPSIM_EXPLORE_MAX_WINDOWS 8
#define LWIPSIM_EXPLORE_MAX_TIMED 64 /* windowed script lines */
#define LWIPSIM_EXPLORE_MAX_COPIES 64

struct lwipsim_explore_window {
  char action[32]; /* the action's name: reload, mdns-start, ... */
  uint64_t lo_ms, hi_ms;
};

struct lwipsim_explore_space {
  struct lwipsim_explore_window windows[LWIPSIM_EXPLORE_MAX_WINDOWS];
  size_t n_windows;
  size_t n_timed;                                 /* script lines a window moves, in file order */
  size_t timed_window[LWIPSIM_EXPLORE_MAX_TIMED]; /* each one's window */
  unsigned max_copies;                            /* 0: no extra queries */
  size_t n_queries;                               /* peers' mDNS queries in the capture (copies need one) */
};

struct lwipsim_explore_candidate {
  uint32_t seed;
  uint64_t time_ms[LWIPSIM_EXPLORE_MAX_TIMED];
  unsigned copies;
  uint64_t copies_seed; /* which queries are copied, and when */
};

/* splitmix64: the search's own generator (deterministic across machines). */
uint64_t lwipsim_explore_next(uint64_t *state);

/* "reload=5s:15s" -> window; 0, or -1 with a message in err. */
int lwipsim_explore_parse_window(const char *s, struct lwipsim_explore_window *w, char *err, size_t errlen);

/* Reads scenario.ini's text: finds the [script] lines each window moves and
 * the candidate the file itself is (its seed and times). 0, or -1 with one
 * line in err (a window that matches no line, too many lines). */
int lwipsim_explore_scan(const char *ini_text, const char *ini_path, struct lwipsim_explore_space *space,
                         struct lwipsim_explore_candidate *original, char *err, size_t errlen);

/* A candidate drawn at random from the whole space. */
void lwipsim_explore_random(const struct lwipsim_explore_space *space, uint64_t *rng,
                            struct lwipsim_explore_candidate *out);
/* A small step from base: one of seed, one line's time, the copies. */
void lwipsim_explore_mutate(const struct lwipsim_explore_space *space, uint64_t *rng,
                            const struct lwipsim_explore_candidate *base, struct lwipsim_explore_candidate *out);

/* scenario.ini's text with the candidate's seed and times and the capture
 * named capture (NULL: unchanged). Returns a malloc'd string, or NULL when
 * out of memory. header: comment lines put first (may be NULL). */
char *lwipsim_explore_ini(const struct lwipsim_explore_space *space, const char *ini_text,
                          const struct lwipsim_explore_candidate *c, const char *capture, const char *header);

/* Copies the capture at src to dst with the candidate's extra queries; the
 * device's MAC tells its own frames apart. 0, or -1 with one line in err. */
int lwipsim_explore_write_capture(const char *src, const char *dst, const uint8_t device_mac[6],
                                  const struct lwipsim_explore_candidate *c, char *err, size_t errlen);

/* How many frames of the capture are peers' mDNS queries (what copies are
 * made of); -1 with one line in err when the capture cannot be read. */
long lwipsim_explore_count_queries(const char *capture, const uint8_t device_mac[6], char *err, size_t errlen);

#endif
