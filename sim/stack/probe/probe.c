#include "stack/probe/probe.h"

#include <stdlib.h>
#include <string.h>

#include "lwip/memp.h"
#include "lwip/opt.h"
#include "lwip/timeouts.h"
#include "netif/ppp/ppp_opts.h" /* PPP_NUM_TIMEOUTS, used by MEMP_NUM_SYS_TIMEOUT */
#if LWIP_TCP
#include "lwip/priv/tcp_priv.h" /* tcp_tw_pcbs */
#endif
#include "stack/port/clock.h"
#include "stack/probe/pool_config.h"
#include "stack/probe/symbols.h"
#include "stack/state/events.h"
#include "stack/state/run_state.h"
#include "stack/state/timeline.h"

#if MEMP_OVERFLOW_CHECK
#error "lwipsim wraps memp_malloc; with MEMP_OVERFLOW_CHECK lwIP calls memp_malloc_fn instead (not supported yet)"
#endif
#if LWIP_DEBUG_TIMERNAMES
#error "lwipsim wraps sys_timeout; with LWIP_DEBUG_TIMERNAMES lwIP calls sys_timeout_debug instead (not supported yet)"
#endif

void *__real_memp_malloc(memp_t type);
void __real_memp_free(memp_t type, void *mem);
void __real_sys_timeout(u32_t msecs, sys_timeout_handler handler, void *arg);
#if LWIP_TCP
void __real_tcp_timer_needed(void);
#endif

/* The pool table straight from lwIP's own list, so names and configured
 * counts are exactly what this profile compiled. */
static const struct {
  const char *name;
  uint32_t num;
} pool_defs[] = {
#define LWIP_MEMPOOL(name, num, size, desc) { #name, (num) },
#include "lwip/priv/memp_std.h"
};

/* The wraps index the shared state's pools[] by memp_t: a profile with more
 * pools (MEMP_USE_CUSTOM_POOLS adds its own) must fail to build here, not
 * write past the shared run state at run time. */
_Static_assert(MEMP_MAX <= LWIPSIM_MAX_POOLS, "this profile has more memp pools than lwipsim's run state holds "
                                              "(LWIPSIM_MAX_POOLS in sim/stack/state/run_state.h)");

#if defined(LWIPSIM_PROBE_NO_TIMELINE) && LWIPSIM_PROBE_NO_TIMELINE
/* The RP2040 image (firmware/): counters and peaks only, no timeline in its
 * SRAM (a bounded one is still about 10 KiB a pool). */
#define HAVE_TIMELINES 0
#else
/* Bounded: a fixed number of buckets per pool whatever the run's length
 * (stack/state/timeline.h), so a long run's memory stays flat. */
#define HAVE_TIMELINES 1
static struct lwipsim_timeline timelines[MEMP_MAX];
#endif
static uint32_t caps[MEMP_MAX];

/* Who is arming a timeout right now, so a failure or a new peak can name the
 * entry that is not in the list yet. */
static int arming_depth;
static const void *arming_handler;
static const void *arming_arg;
static const char *arming_name;
static int peak_walk_due;
/* The element sys_check_timeouts() freed last: a cyclic timer re-arms the
 * (handler, arg) it just released, through a path we cannot wrap. */
static struct sys_timeo last_freed;

#if LWIP_TCP
/* tcp_alloc is lwIP's only caller of memp_malloc(MEMP_TCP_PCB) (2.1.3 and
 * 2.2.1 tcp.c). When the pool is empty it does not give up: it kills the
 * oldest TIME_WAIT PCB and tries again, then one in LAST_ACK, one in CLOSING,
 * then the oldest active one of lower priority (2.2.1 tcp.c:1844-1871), five
 * attempts in all, and takes the failed attempts back out of MEMP_STATS once
 * one succeeds. The probe counts the same way: a failed attempt is only
 * provisional until tcp_alloc either succeeds (recycled, by what it killed)
 * or has tried all five (one failure: the connection is refused). */
#define TCP_ALLOC_ATTEMPTS 5
static uint32_t tcp_alloc_failed_attempts;

static uint32_t time_wait_pcbs(void)
{
  uint32_t n = 0;
  for (const struct tcp_pcb *pcb = tcp_tw_pcbs; pcb != NULL; pcb = pcb->next) {
    n++;
  }
  return n;
}

/* The TIME_WAIT list's length, kept as lwIP changes it instead of walked at
 * every TCP_PCB allocation (a busy server holds hundreds in TIME_WAIT).
 * - A PCB joins only through TCP_REG(&tcp_tw_pcbs, ...), which pushes it at
 *   the head and then calls tcp_timer_needed() (lwIP 2.1.3 and 2.2.1
 *   tcp_priv.h TCP_REG; 2.2.1 tcp_in.c:1012, 1030, 1040), wrapped below: a
 *   head we have not seen is a new member.
 * - It leaves only to be freed: tcp_slowtmr unlinks it and frees it still in
 *   TIME_WAIT (2.2.1 tcp.c:1457-1466); tcp_abandon unlinks it through
 *   tcp_pcb_remove, which sets CLOSED first (tcp.c:582, 2212). A PCB freed
 *   in TIME_WAIT was a member; one freed CLOSED may have been, so the count
 *   is walked again at the next allocation. */
static uint32_t tw_count;
static const struct tcp_pcb *tw_head;
static int tw_unsure;

static void tw_saw_register(void)
{
  if (tcp_tw_pcbs != NULL && tcp_tw_pcbs != tw_head) {
    tw_count++;
    tw_head = tcp_tw_pcbs;
  }
}

static void tw_saw_free(const struct tcp_pcb *pcb)
{
  if (pcb->state == TIME_WAIT) {
    tw_count--;
  } else if (pcb->state == CLOSED) {
    tw_unsure = 1;
  }
  tw_head = tcp_tw_pcbs; /* unlinked already: the head it left behind */
}

static uint32_t tw_now(void)
{
  if (tw_unsure) {
    tw_count = time_wait_pcbs();
    tw_head = tcp_tw_pcbs;
    tw_unsure = 0;
  }
  return tw_count;
}
#endif

void lwipsim_probe_init(uint64_t duration_ms)
{
  (void)duration_ms; /* without timelines (the RP2040 image) */
  lwipsim_state->n_pools = MEMP_MAX;
  lwipsim_state->pool_failures = 0;
  for (size_t i = 0; i < MEMP_MAX && i < LWIPSIM_MAX_POOLS; i++) {
    struct lwipsim_pool_state *p = &lwipsim_state->pools[i];
    memset(p, 0, sizeof *p);
    strncpy(p->name, pool_defs[i].name, sizeof p->name - 1);
    p->size = lwipsim_profile_pool_sizes[i];
    p->capacity = pool_defs[i].num;
    p->size_limited = !MEMP_MEM_MALLOC;
    p->elem_bytes = memp_pools[i]->size;
#if HAVE_TIMELINES
    lwipsim_timeline_init(&timelines[i], duration_ms);
#endif
    caps[i] = LWIPSIM_PROBE_NO_CAP;
  }
  arming_depth = 0;
#if LWIP_TCP
  tw_count = 0;
  tw_head = NULL;
  tw_unsure = 1; /* walked at the first allocation */
#endif
  peak_walk_due = 0;
  memset(&last_freed, 0, sizeof last_freed);
}

int lwipsim_probe_set_cap(const char *pool_name, uint32_t cap)
{
  for (size_t i = 0; i < MEMP_MAX; i++) {
    if (strcmp(pool_defs[i].name, pool_name) == 0) {
      caps[i] = cap;
      return 0;
    }
  }
  return -1;
}

void lwipsim_probe_cap_to_profile(void)
{
#if !MEMP_MEM_MALLOC
  for (size_t i = 0; i < MEMP_MAX; i++) {
    caps[i] = lwipsim_profile_pool_sizes[i];
  }
#endif
  /* With MEMP_MEM_MALLOC the profile's own build enforces no count (elements
   * come from the heap): capping at MEMP_NUM_* would refuse what the profile
   * never refuses. */
}

const struct lwipsim_timeline_point *lwipsim_probe_timeline(size_t pool, size_t *n)
{
#if HAVE_TIMELINES
  if (pool < MEMP_MAX) {
    return lwipsim_timeline_points(&timelines[pool], n);
  }
#endif
  (void)pool;
  *n = 0;
  return NULL;
}

static void timeline_add(memp_t type, uint32_t used)
{
#if HAVE_TIMELINES
  lwipsim_timeline_add(&timelines[type], lwipsim_clock_now_ms(), used);
#else
  (void)type;
  (void)used;
#endif
}

static const char *timer_name(const void *handler, const void *arg)
{
  /* Cyclic timers all run through lwip_cyclic_timer; the one a person
   * recognises is the handler inside the table entry. */
  if (handler == (const void *)lwip_cyclic_timer && arg != NULL) {
    const struct lwip_cyclic_timer *c = arg;
    return lwipsim_symbol_name((const void *)c->handler);
  }
  return lwipsim_symbol_name(handler);
}

static void list_add(struct lwipsim_timer_list *out, const char *name)
{
  if (out->count < LWIPSIM_MAX_TIMERS) {
    strncpy(out->names[out->count], name, LWIPSIM_NAME_LEN - 1);
    out->names[out->count][LWIPSIM_NAME_LEN - 1] = '\0';
  }
  out->count++;
}

void lwipsim_probe_walk_timers(struct lwipsim_timer_list *out)
{
  memset(out, 0, sizeof *out);
  out->valid = 1;
  out->time_ms = lwipsim_clock_now_ms();
  struct sys_timeo **head = sys_timeouts_get_next_timeout();
  for (struct sys_timeo *t = head ? *head : NULL; t != NULL; t = t->next) {
    list_add(out, timer_name((const void *)t->h, t->arg));
  }
}

static const char *current_arming_name(void)
{
  if (arming_depth > 0) {
    return arming_name ? arming_name : timer_name(arming_handler, arming_arg);
  }
  if (last_freed.h != NULL) {
    return timer_name((const void *)last_freed.h, last_freed.arg);
  }
  return "?";
}

static void add_failure_site(struct lwipsim_pool_state *p, const char *site)
{
  for (uint32_t i = 0; i < p->n_sites; i++) {
    if (strcmp(p->sites[i].name, site) == 0) {
      p->sites[i].count++;
      return;
    }
  }
  if (p->n_sites < LWIPSIM_MAX_SITES) {
    struct lwipsim_failure_site *s = &p->sites[p->n_sites++];
    strncpy(s->name, site, sizeof s->name - 1);
    s->count = 1;
  }
}

static void snapshot_peak(void)
{
  lwipsim_probe_walk_timers(&lwipsim_state->sys_timeout_at_peak);
  peak_walk_due = 0;
}

/* The failure's bookkeeping, out of the allocation's hot path (a wrap that
 * does everything inline saves and restores registers on every call). */
__attribute__((noinline, cold)) static void pool_failed(memp_t type, struct lwipsim_pool_state *p, const void *caller)
{
  const char *site = (type == MEMP_SYS_TIMEOUT) ? current_arming_name() : lwipsim_symbol_name(caller);
  p->failed++;
  lwipsim_state->pool_failures++;
  if (p->failed == 1) {
    p->first_failure_ms = lwipsim_clock_now_ms();
    if (type == MEMP_SYS_TIMEOUT) {
      lwipsim_probe_walk_timers(&lwipsim_state->sys_timeout_at_first_failure);
    }
  }
  add_failure_site(p, site);
  lwipsim_event_add("pool %s empty (%u in use), allocation for %s failed", p->name, (unsigned)p->used, site);
}

/* A new peak: when and, for the timeout pool, which timers hold it. */
__attribute__((noinline)) static void new_peak(memp_t type, struct lwipsim_pool_state *p)
{
  p->peak = p->used;
  p->peak_ms = lwipsim_clock_now_ms();
  if (type == MEMP_SYS_TIMEOUT) {
    /* The new element is not linked in yet: walk once the arming returns,
     * or now plus the re-armed cyclic entry when no wrapper is on the stack. */
    if (arming_depth > 0) {
      peak_walk_due = 1;
    } else {
      snapshot_peak();
      list_add(&lwipsim_state->sys_timeout_at_peak, current_arming_name());
    }
  }
}

#if LWIP_TCP
/* tcp_alloc's attempts (see TCP_ALLOC_ATTEMPTS); 1 when this failed one is
 * only provisional, and the live PCBs' peak outside TIME_WAIT. */
__attribute__((noinline)) static int tcp_pcb_alloc(struct lwipsim_pool_state *p, void *mem)
{
  if (mem == NULL && ++tcp_alloc_failed_attempts < TCP_ALLOC_ATTEMPTS) {
    return 1; /* tcp_alloc kills something and tries again */
  }
  if (mem != NULL && tcp_alloc_failed_attempts > 0) {
    p->recycled[tcp_alloc_failed_attempts - 1]++;
    static const char *const kinds[LWIPSIM_RECYCLE_KINDS] = LWIPSIM_RECYCLE_KIND_NAMES;
    lwipsim_event_add("pool TCP_PCB empty: tcp_alloc recycled a PCB (killed one in %s)",
                      kinds[tcp_alloc_failed_attempts - 1]);
  }
  tcp_alloc_failed_attempts = 0;
  if (mem != NULL) {
    uint32_t live = p->used + 1 - tw_now(); /* with the one allocated now */
    if (live > p->peak_without_time_wait) {
      p->peak_without_time_wait = live;
    }
  }
  return 0;
}
#endif

void *__wrap_memp_malloc(memp_t type)
{
  struct lwipsim_pool_state *p = &lwipsim_state->pools[type];
  void *mem = NULL;
  if (caps[type] == LWIPSIM_PROBE_NO_CAP || p->used < caps[type]) {
    mem = __real_memp_malloc(type);
  }
#if LWIP_TCP
  if (type == MEMP_TCP_PCB && tcp_pcb_alloc(p, mem)) {
    return NULL;
  }
#endif
  if (mem == NULL) {
    pool_failed(type, p, __builtin_return_address(0));
    return NULL;
  }
  p->used++;
  timeline_add(type, p->used);
  if (p->used > p->peak) {
    new_peak(type, p);
  }
  return mem;
}

void __wrap_memp_free(memp_t type, void *mem)
{
  if (mem == NULL) {
    __real_memp_free(type, mem);
    return;
  }
  if (type == MEMP_SYS_TIMEOUT) {
    last_freed = *(struct sys_timeo *)mem;
  }
#if LWIP_TCP
  if (type == MEMP_TCP_PCB) {
    tw_saw_free(mem);
  }
#endif
  struct lwipsim_pool_state *p = &lwipsim_state->pools[type];
  __real_memp_free(type, mem);
  if (p->used > 0) {
    p->used--;
  }
  timeline_add(type, p->used);
}

void __wrap_sys_timeout(u32_t msecs, sys_timeout_handler handler, void *arg)
{
  const void *saved_h = arming_handler, *saved_a = arming_arg;
  const char *saved_n = arming_name;
  arming_handler = (const void *)handler;
  arming_arg = arg;
  arming_name = NULL;
  arming_depth++;
  __real_sys_timeout(msecs, handler, arg);
  arming_depth--;
  if (peak_walk_due) {
    snapshot_peak();
  }
  arming_handler = saved_h;
  arming_arg = saved_a;
  arming_name = saved_n;
}

#if LWIP_TCP
/* tcp_timer_needed() arms the TCP timer from inside timeouts.c, where the
 * sys_timeout wrap cannot see it. */
void __wrap_tcp_timer_needed(void)
{
  const char *saved_n = arming_name;
  arming_name = "tcpip_tcp_timer";
  arming_depth++;
  tw_saw_register();
  __real_tcp_timer_needed();
  arming_depth--;
  if (peak_walk_due) {
    snapshot_peak();
  }
  arming_name = saved_n;
}
#endif

const char *lwipsim_probe_arming_name(void) { return current_arming_name(); }
