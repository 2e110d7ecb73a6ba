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
 *   a copy never breaks one;
 * - one conversation (an IPv4 TCP or UDP flow with a unicast peer: its
 *   frames both ways) moved earlier or later, its own order kept: the
 *   rewriter decides whether it still replays, and a try that breaks it is
 *   dropped. */
#ifndef LWIPSIM_EXPLORE_H
#define LWIPSIM_EXPLORE_H

#include <stddef.h>
#include <stdint.h>

#define LWIPSIM_EXPLORE_MAX_WINDOWS 8
#define LWIPSIM_EXPLORE_MAX_TIMED 64 /* windowed script lines */
#define LWIPSIM_EXPLORE_MAX_COPIES 64
#define LWIPSIM_EXPLORE_MAX_FLOWS 64 /* conversations that can move: the capture's first ones */

/* A conversation: protocol and the peer's address and port, the device's port. */
struct lwipsim_explore_flow {
  uint8_t proto;
  uint8_t peer_ip[4];
  uint16_t peer_port, device_port;
};

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
  struct lwipsim_explore_flow flows[LWIPSIM_EXPLORE_MAX_FLOWS];
  size_t n_flows;
  uint64_t max_shift_ms; /* how far a conversation may move (0: none) */
};

struct lwipsim_explore_candidate {
  uint32_t seed;
  uint64_t time_ms[LWIPSIM_EXPLORE_MAX_TIMED];
  unsigned copies;
  uint64_t copies_seed;             /* which queries are copied, and when */
  int shift_peer;                   /* the conversation that moves (index in the space), or -1 */
  struct lwipsim_explore_flow flow; /* that conversation */
  int64_t shift_us;                 /* by how much (earlier when negative) */
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

/* Reads the capture once: how many frames are peers' mDNS queries (what
 * copies are made of) into space->n_queries, and the conversations into
 * space->flows. 0, or -1 with one line in err when it cannot be read. */
int lwipsim_explore_scan_capture(const char *capture, const uint8_t device_mac[6], struct lwipsim_explore_space *space,
                                 char *err, size_t errlen);

#endif
