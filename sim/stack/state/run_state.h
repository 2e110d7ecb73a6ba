/* Everything a run record needs that must survive a crash of the run.
 *
 * The runner maps this struct shared between itself and the child process
 * that runs lwIP; when lwIP dies on a signal the parent still has the pool
 * counters, the assert (if any) and the last events, and writes a `crash`
 * record from them. Fixed-size on purpose: no pointers cross the fork. */
#ifndef LWIPSIM_RUN_STATE_H
#define LWIPSIM_RUN_STATE_H

#include <stdint.h>

#include "common/tx_counts.h"

#define LWIPSIM_MAX_POOLS 48
#define LWIPSIM_MAX_TIMERS 64
#define LWIPSIM_NAME_LEN 64
#define LWIPSIM_MAX_SITES 8
#define LWIPSIM_EVENT_RING 32
#define LWIPSIM_EVENT_LEN 160
#define LWIPSIM_MAX_ASSERTS 16
#define LWIPSIM_MAX_DIV_REASONS 16
#define LWIPSIM_MAX_IMPACT 12 /* services of sim/replay/impact.h */

/* tcp_alloc's fallbacks, in the order it tries them. */
#define LWIPSIM_RECYCLE_KINDS 4
#define LWIPSIM_RECYCLE_KIND_NAMES                   \
  {                                                  \
    "time_wait", "last_ack", "closing", "lower_prio" \
  }

struct lwipsim_failure_site {
  char name[LWIPSIM_NAME_LEN];
  uint32_t count;
};

struct lwipsim_pool_state {
  char name[32];       /* as lwIP spells it: SYS_TIMEOUT, TCP_PCB, ... */
  uint32_t size;       /* the profile's MEMP_NUM_* */
  uint32_t capacity;   /* what this build compiled: size, or more in a demand build */
  int size_limited;    /* 0 with MEMP_MEM_MALLOC: the count is not enforced */
  uint32_t elem_bytes; /* host element size */
  uint32_t used, peak, failed;
  uint64_t peak_ms, first_failure_ms;
  uint32_t n_sites;
  struct lwipsim_failure_site sites[LWIPSIM_MAX_SITES];
  /* TCP_PCB only: tcp_alloc's empty-pool attempts that a kill then made
   * good, by what lwIP killed (time_wait, last_ack, closing, lower_prio);
   * like lwIP's own MEMP_STATS they are not in `failed`. */
  uint32_t recycled[LWIPSIM_RECYCLE_KINDS];
  uint32_t peak_without_time_wait; /* TCP_PCB: PCBs in use less those in TIME_WAIT */
};

#define LWIPSIM_HEAP_KIND_NONE 0   /* MEM_LIBC_MALLOC, MEM_USE_POOLS, ...: not counted */
#define LWIPSIM_HEAP_KIND_MEMC 1   /* lwIP's mem.c heap of MEM_SIZE bytes */
#define LWIPSIM_HEAP_KIND_BUDGET 2 /* MEM_CUSTOM_ALLOCATOR with the profile's heap_budget_bytes */
#define LWIPSIM_MAX_HEAP_FAILURES 8

/* One refused heap allocation. */
struct lwipsim_heap_failure {
  uint64_t time_ms, bytes, used_bytes;
  int64_t largest_free; /* -1: not known */
  char site[LWIPSIM_NAME_LEN];
};

/* The armed-timeout list at one instant, each entry named by its handler. */
struct lwipsim_timer_list {
  int valid;
  uint64_t time_ms;
  uint32_t count; /* may exceed LWIPSIM_MAX_TIMERS; names are cut there */
  char names[LWIPSIM_MAX_TIMERS][LWIPSIM_NAME_LEN];
};

struct lwipsim_assert_info {
  char message[160];
  char file[128];
  int line;
  uint64_t time_ms;
};

#define LWIPSIM_STATE_STA 0
#define LWIPSIM_STATE_AP 1
#define LWIPSIM_STATE_INTERFACES 2

struct lwipsim_run_state {
  uint64_t now_ms;

  uint32_t n_pools;
  /* every pool's failed, summed: the impact watch asks it at every frame
   * (one load, not a scan of the pools) */
  uint32_t pool_failures;
  struct lwipsim_pool_state pools[LWIPSIM_MAX_POOLS];

  struct lwipsim_timer_list sys_timeout_at_peak;
  struct lwipsim_timer_list sys_timeout_at_first_failure;

  int panicked; /* policy panic/abort: the run ended here */
  struct lwipsim_assert_info panic;
  struct lwipsim_timer_list panic_armed;
  char panic_arming[LWIPSIM_NAME_LEN]; /* handler being armed when the pool ran dry */

  uint32_t n_asserts; /* policy silent: every assert, first ones kept */
  struct lwipsim_assert_info asserts[LWIPSIM_MAX_ASSERTS];

  struct {
    uint64_t read, injected, reference, skipped_non_ethernet2, not_for_device, malformed, dropped_link_down,
        dropped_no_pbuf, after_end, transmitted;
    /* answers to the live stack's ARP requests / neighbour solicitations for
     * peers the capture showed (sim/replay/neighbours.h) */
    uint64_t synthetic_arp_replies, synthetic_nd_replies, synthetic_acks;
  } frames;

  /* The device's interfaces (sim/stack/netif): the station and, with
   * [device] ap_mac, the access point, indexed LWIPSIM_STATE_STA/_AP (the
   * order of enum lwipsim_interface). transmitted counts each one's frames;
   * frames.transmitted is the station's (the capture's interface). */
  struct {
    uint32_t count;
    uint8_t mac[LWIPSIM_STATE_INTERFACES][6];
    uint64_t transmitted[LWIPSIM_STATE_INTERFACES];
    uint32_t removed[LWIPSIM_STATE_INTERFACES], added[LWIPSIM_STATE_INTERFACES]; /* netif-remove / netif-add */
  } interfaces;

  /* The flow rewriter's counters (sim/replay/rewriter.h), copied after every
   * inbound frame so a crash record has them too. */
  struct {
    uint64_t inbound, rewritten, diverged;
    uint64_t by_reason[LWIPSIM_MAX_DIV_REASONS];
  } divergence;

  /* The transmit match (sim/replay/tx_match.h), which counts here
   * (lwipsim_tx_match_count_into). */
  struct lwipsim_tx_counts tx_match;

  /* lwIP's heap (stack/probe/heap_probe.c): mem.c's MEM_SIZE heap, or the
   * byte budget a MEM_CUSTOM_ALLOCATOR profile's allocator gets
   * (stack/port/heap_budget.c). Bytes are this host's (64-bit) bytes. */
  struct {
    int enabled; /* the budget allocator is in use (heap_budget.c) */
    int kind;    /* LWIPSIM_HEAP_KIND_NONE / _MEMC / _BUDGET */
    uint64_t budget_bytes, used_bytes, peak_bytes, failed;
    uint64_t size_bytes;     /* the profile's MEM_SIZE, or the budget */
    uint64_t capacity_bytes; /* what this build holds (a demand build: more) */
    uint64_t limit_bytes;    /* a heap of this size is emulated (--cap HEAP=N) */
    uint64_t peak_ms, first_failure_ms, trims;
    int64_t largest_free_at_peak; /* -1: not known (a budget has no placement) */
    uint32_t n_sites;
    struct lwipsim_failure_site sites[LWIPSIM_MAX_SITES];
    uint32_t n_failures; /* all of them; the first LWIPSIM_MAX_HEAP_FAILURES kept */
    struct lwipsim_heap_failure failures[LWIPSIM_MAX_HEAP_FAILURES];
  } heap;

  /* What the device's apps did (sim/stack/device): requests its HTTP server
   * answered in full, and tcp_write calls lwIP refused (ERR_MEM: heap, send
   * buffer or segment queue), each handled by the app's stated policy; what
   * its MQTT client did (mqtt_app.c). */
  struct {
    uint64_t http_requests, http_answered, http_write_refused, http_write_retried, http_dropped;
    uint64_t mqtt_connects, mqtt_connack_ok, mqtt_connack_refused, mqtt_disconnected;
    uint64_t mqtt_published, mqtt_publish_refused, mqtt_publish_skipped, mqtt_pings;
  } device;

  /* What the live device no longer did after the run's first failure
   * (sim/replay/impact.h, sim/stack/netif/impact_watch.c), filled when the
   * run ends (a crash record has none). */
  struct {
    int failed, finished;
    uint64_t after_ms;
    char cause[16]; /* panic, pool-failure, assert, heap, write-refused */
    uint64_t of[LWIPSIM_MAX_IMPACT], missing[LWIPSIM_MAX_IMPACT];
  } impact;
  /* The harness's own ends, never lwIP's: the run was stopped by --max-wall
   * (outcome timeout), or the runner failed (outcome harness-error; the
   * reason, one line, "" when it did not). */
  int timed_out;
  char harness_error[LWIPSIM_EVENT_LEN];

  uint32_t event_head; /* total events ever added */
  char events[LWIPSIM_EVENT_RING][LWIPSIM_EVENT_LEN];
};

/* The run's state: shared memory in the runner, plain memory in unit tests. */
extern struct lwipsim_run_state *lwipsim_state;

/* One point of a pool's timeline: the probe keeps these in the child's own
 * memory (they are lost with a crashed child), the record prints them. */
struct lwipsim_timeline_point {
  uint64_t time_ms;
  uint32_t used;
};

#endif
