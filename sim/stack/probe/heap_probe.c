#include "stack/probe/heap_probe.h"

#include <stdio.h>
#include <string.h>

#include "lwip/mem.h"
#include "lwip/opt.h"
#include "stack/port/clock.h"
#include "stack/port/heap_budget.h"
#include "stack/probe/pool_config.h"
#include "stack/probe/symbols.h"
#include "stack/state/events.h"
#include "stack/state/run_state.h"
#include "stack/state/timeline.h"

#if defined(LWIPSIM_PROBE_NO_TIMELINE) && LWIPSIM_PROBE_NO_TIMELINE
/* The firmware images (firmware/: the RP2040's and the ILP32 host chip's)
 * count the heap with this same code, minus two host services: the bounded
 * timeline (about 10 KiB of SRAM, as probe.c's), and the backtrace that
 * names a failure's two callers (picolibc has no execinfo, and the chip has
 * neither unwind tables nor a symbol table). There a failure's site is the
 * allocator's caller, by address; the host names it from the image's ELF
 * (sim/stack/target/target_engine.c). */
#define ON_CHIP 1
#else
#define ON_CHIP 0
#include <execinfo.h>
#endif

#ifndef LWIPSIM_DEMAND
#define LWIPSIM_DEMAND 0
#endif
#if defined(MEM_CUSTOM_ALLOCATOR) && MEM_CUSTOM_ALLOCATOR
#define CUSTOM_ALLOCATOR 1
#else
#define CUSTOM_ALLOCATOR 0 /* lwIP 2.1.3 has no MEM_CUSTOM_ALLOCATOR */
#endif

void *__real_mem_malloc(mem_size_t size);
void *__real_mem_calloc(mem_size_t count, mem_size_t size);
void *__real_mem_trim(void *mem, mem_size_t size);
void __real_mem_free(void *mem);

/* mem.c's own heap: MEM_LIBC_MALLOC, MEM_CUSTOM_ALLOCATOR and MEM_USE_POOLS
 * replace it; with MEM_OVERFLOW_CHECK its block header holds more than the
 * reading below (and sanity regions sit between header and data). */
#if !MEM_LIBC_MALLOC && !CUSTOM_ALLOCATOR && !MEM_USE_POOLS && !MEM_OVERFLOW_CHECK
#define HAVE_MEMC 1

/* Why the figures come from mem.c's own block headers: mem.c alone decides
 * where a block goes and how big it is (first fit from lfree, a split only
 * when the rest can hold a block of MIN_SIZE, the whole free block
 * otherwise), so sizes reconstructed from the wrapped calls' arguments would
 * guess at its placement. The heap is a static array (ram_heap) cut into
 * blocks, each starting with this header; `next` and `prev` are offsets from
 * the aligned start of ram_heap, and a block's bytes run from its header to
 * the next header. Layout as lwIP 2.1.3 mem.c:349-360 and 2.2.1
 * mem.c:336-347 declare `struct mem` (private to mem.c) without
 * MEM_OVERFLOW_CHECK; mem_size_t comes from lwip/mem.h as lwIP compiled it.
 * The walk checks every link (next after the block, prev pointing back, the
 * last block ending at MEM_SIZE_ALIGNED): a heap that does not read that way
 * gives no largest-free figure, never a wrong one. */
struct memc_block {
  mem_size_t next;
  mem_size_t prev;
  u8_t used;
};
#define HDR LWIP_MEM_ALIGN_SIZE(sizeof(struct memc_block)) /* mem.c SIZEOF_STRUCT_MEM */
#ifndef MIN_SIZE
#define MIN_SIZE 12 /* mem.c's default (2.1.3 mem.c:366, 2.2.1 mem.c:353) */
#endif
#define MIN_ALIGNED LWIP_MEM_ALIGN_SIZE(MIN_SIZE)
#define HEAP_ALIGNED ((uint64_t)LWIP_MEM_ALIGN_SIZE(MEM_SIZE)) /* mem.c MEM_SIZE_ALIGNED */
#ifndef LWIP_RAM_HEAP_POINTER
extern u8_t ram_heap[]; /* LWIP_DECLARE_MEMORY_ALIGNED(ram_heap, ...), mem.c:366 (2.2.1) */
#define LWIP_RAM_HEAP_POINTER ram_heap
#endif
#else
#define HAVE_MEMC 0
#endif

#if !ON_CHIP
static struct lwipsim_timeline timeline;
#endif
static uint64_t cap_aligned; /* 0: none */
static uint64_t budget_peak_seen;
static int walk_broken_said;

#if HAVE_MEMC
static u8_t *heap_ram(void) { return (u8_t *)LWIP_MEM_ALIGN(LWIP_RAM_HEAP_POINTER); }

static struct memc_block *block_of(void *p)
{
  u8_t *r = heap_ram(), *b = (u8_t *)p;
  if (b < r + HDR || b >= r + HEAP_ALIGNED) {
    return NULL; /* not from this heap: mem_free asserts on it, as it does */
  }
  return (struct memc_block *)(void *)(b - HDR);
}

/* A used block's bytes, header included (what MEM_STATS counts). Capped
 * (a heap of cap_aligned emulated in this larger one), as the smaller heap
 * has it: where it could not split its last free block (the rest below the
 * cap too small for a header and MIN_SIZE, mem.c's split test), its block
 * runs to the cap, while this heap split it and keeps the rest free (nothing
 * fits there under the cap, so it stays free as long as the block lives). */
static uint64_t block_bytes(void *p)
{
  struct memc_block *m = block_of(p);
  if (m == NULL) {
    return 0;
  }
  u8_t *r = heap_ram();
  uint64_t off = (uint64_t)((u8_t *)m - r), end = m->next;
  if (cap_aligned && end < cap_aligned) {
    const struct memc_block *n = (const struct memc_block *)(const void *)(r + end);
    if (!n->used && n->next >= cap_aligned && cap_aligned - end < HDR + MIN_ALIGNED) {
      end = cap_aligned;
    }
  }
  if (cap_aligned && end > cap_aligned) {
    end = cap_aligned;
  }
  return end > off ? end - off : 0;
}

/* The largest request mem_malloc could satisfy now (mem.c's fit test:
 * next - (ptr + SIZEOF_STRUCT_MEM) >= size), within the emulated size when
 * capped; -1 when the block list does not read as mem.c's. */
static int64_t largest_free(void)
{
  u8_t *r = heap_ram();
  uint64_t end = cap_aligned ? cap_aligned : HEAP_ALIGNED;
  uint64_t off = 0, steps = 0;
  int64_t best = 0;
  while (off < HEAP_ALIGNED) {
    const struct memc_block *m = (const struct memc_block *)(const void *)(r + off);
    if (m->next <= off || m->next > HEAP_ALIGNED || ++steps > HEAP_ALIGNED / MIN_ALIGNED + 2) {
      goto broken;
    }
    if (m->next < HEAP_ALIGNED && ((const struct memc_block *)(const void *)(r + m->next))->prev != off) {
      goto broken;
    }
    uint64_t stop = m->next < end ? m->next : end;
    /* cut at the cap, a rest too small for MIN_SIZE is the smaller heap's
     * unsplit block end (block_bytes), not a free block */
    int rest = stop == cap_aligned && stop < m->next && stop < off + HDR + MIN_ALIGNED;
    if (!m->used && !rest && stop > off + HDR && (int64_t)(stop - off - HDR) > best) {
      best = (int64_t)(stop - off - HDR);
    }
    off = m->next;
  }
  return best;
broken:
  if (!walk_broken_said) {
    walk_broken_said = 1;
    lwipsim_event_add("heap: mem.c's block list does not read as lwipsim expects; no largest-free figure");
  }
  return -1;
}
#endif

static void heapprobe_timeline(void)
{
#if !ON_CHIP
  lwipsim_timeline_add(&timeline, lwipsim_clock_now_ms(), (uint32_t)lwipsim_state->heap.used_bytes);
#endif
}

/* "pbuf_alloc from tcp_write": the function that called the allocator and
 * its caller, from the stack (glibc's backtrace: unwind tables, so lwIP's
 * -O2 code without frame pointers unwinds), each named as the pool-failure
 * sites are (stack/probe/symbols.c). Our wraps are skipped, and memp.c's
 * inner function reads as memp_malloc (MEMP_MEM_MALLOC pools). Only on a
 * failure: it costs a few microseconds. On the chip (ON_CHIP): `caller`,
 * the allocator's caller, by address. */
static void heapprobe_site(char *out, size_t cap, const void *caller)
{
#if ON_CHIP
  snprintf(out, cap, "%s", lwipsim_symbol_name(caller));
#else
  (void)caller;
  void *frames[16];
  int n = backtrace(frames, 16);
  char names[2][LWIPSIM_NAME_LEN] = { "?", "?" };
  int k = 0;
  for (int i = 0; i < n && k < 2; i++) {
    char name[LWIPSIM_NAME_LEN];
    /* inside the call; gcc's clones (do_memp_malloc_pool.isra.0) by their function's name */
    snprintf(name, sizeof name, "%s", lwipsim_symbol_name((const char *)frames[i] - 1));
    name[strcspn(name, ".")] = '\0';
    /* our own frames, and backtrace itself (ASan's interceptor of it in a sanitized build) */
    if (strncmp(name, "__wrap_", 7) == 0 || strncmp(name, "heapprobe_", 10) == 0 || strcmp(name, "backtrace") == 0 ||
        strncmp(name, "__interceptor_", 14) == 0 || strncmp(name, "__sanitizer_", 12) == 0) {
      continue;
    }
    if (strcmp(name, "do_memp_malloc_pool") == 0) {
      snprintf(name, sizeof name, "memp_malloc");
    }
    if (k == 1 && strcmp(name, names[0]) == 0) {
      continue;
    }
    snprintf(names[k++], sizeof names[0], "%s", name);
  }
  snprintf(out, cap, "%s from %s", names[0], names[1]);
#endif
}

static void heapprobe_failure(uint64_t bytes, const void *caller)
{
  struct lwipsim_run_state *s = lwipsim_state;
  char site[LWIPSIM_NAME_LEN];
  heapprobe_site(site, sizeof site, caller);
  int64_t largest = -1;
#if HAVE_MEMC
  if (s->heap.kind == LWIPSIM_HEAP_KIND_MEMC) {
    s->heap.failed++;
    largest = largest_free();
  }
#endif
  if (s->heap.failed == 1 || s->heap.n_failures == 0) {
    s->heap.first_failure_ms = lwipsim_clock_now_ms();
  }
  if (s->heap.n_failures < LWIPSIM_MAX_HEAP_FAILURES) {
    struct lwipsim_heap_failure *f = &s->heap.failures[s->heap.n_failures];
    f->time_ms = lwipsim_clock_now_ms();
    f->bytes = bytes;
    f->used_bytes = s->heap.used_bytes;
    f->largest_free = largest;
    snprintf(f->site, sizeof f->site, "%s", site);
  }
  s->heap.n_failures++;
  uint32_t i = 0;
  while (i < s->heap.n_sites && strcmp(s->heap.sites[i].name, site) != 0) {
    i++;
  }
  if (i < s->heap.n_sites) {
    s->heap.sites[i].count++;
  } else if (s->heap.n_sites < LWIPSIM_MAX_SITES) {
    snprintf(s->heap.sites[i].name, sizeof s->heap.sites[i].name, "%s", site);
    s->heap.sites[i].count = 1;
    s->heap.n_sites++;
  }
  if (s->heap.kind == LWIPSIM_HEAP_KIND_MEMC) {
    lwipsim_event_add("heap: %llu bytes refused (%llu in use, largest free block %lld), for %s",
                      (unsigned long long)bytes, (unsigned long long)s->heap.used_bytes, (long long)largest, site);
  }
}

static void heapprobe_peak(void)
{
  struct lwipsim_run_state *s = lwipsim_state;
  if (s->heap.kind == LWIPSIM_HEAP_KIND_BUDGET) {
    if (s->heap.peak_bytes > budget_peak_seen) {
      budget_peak_seen = s->heap.peak_bytes;
      s->heap.peak_ms = lwipsim_clock_now_ms();
    }
    return;
  }
  if (s->heap.used_bytes > s->heap.peak_bytes) {
    s->heap.peak_bytes = s->heap.used_bytes;
    s->heap.peak_ms = lwipsim_clock_now_ms();
#if HAVE_MEMC
    s->heap.largest_free_at_peak = largest_free();
#endif
  }
}

/* A block lwIP's allocator returned (or NULL) for a request of `bytes`
 * from `caller`. */
static void *heapprobe_account(void *p, uint64_t bytes, const void *caller)
{
  struct lwipsim_run_state *s = lwipsim_state;
  if (s->heap.kind == LWIPSIM_HEAP_KIND_NONE) {
    return p;
  }
  if (s->heap.kind == LWIPSIM_HEAP_KIND_BUDGET) {
    if (p == NULL) {
      heapprobe_failure(bytes, caller); /* heap_budget.c counted it */
    } else {
      heapprobe_peak();
      heapprobe_timeline();
    }
    return p;
  }
#if HAVE_MEMC
  if (p != NULL && cap_aligned) {
    /* A heap of the capped size holds the blocks below it, laid out as here
     * (first fit scans from the lowest free block; every block below the cap
     * is the same in both). It refuses exactly when the block chosen here
     * would not end below the cap: mem.c's fit test with next at the cap.
     * Freeing it puts the heap back as it was (it coalesces with the free
     * space it was cut from). */
    uint64_t want = LWIP_MEM_ALIGN_SIZE(bytes) < MIN_ALIGNED ? MIN_ALIGNED : LWIP_MEM_ALIGN_SIZE(bytes);
    struct memc_block *m = block_of(p);
    uint64_t off = m ? (uint64_t)((u8_t *)m - heap_ram()) : 0;
    if (m != NULL && off + HDR + want > cap_aligned) {
      __real_mem_free(p);
      p = NULL;
    }
  }
  if (p == NULL) {
    heapprobe_failure(bytes, caller);
    return NULL;
  }
  s->heap.used_bytes += block_bytes(p);
  heapprobe_peak();
  heapprobe_timeline();
#endif
  return p;
}

void *__wrap_mem_malloc(mem_size_t size)
{
  return heapprobe_account(__real_mem_malloc(size), size, __builtin_return_address(0));
}

void *__wrap_mem_calloc(mem_size_t count, mem_size_t size)
{
  return heapprobe_account(__real_mem_calloc(count, size), (uint64_t)count * size, __builtin_return_address(0));
}

void *__wrap_mem_trim(void *mem, mem_size_t size)
{
#if HAVE_MEMC
  if (lwipsim_state->heap.kind == LWIPSIM_HEAP_KIND_MEMC && mem != NULL) {
    uint64_t before = block_bytes(mem);
    void *r = __real_mem_trim(mem, size);
    uint64_t after = r != NULL ? block_bytes(r) : before;
    if (after < before) {
      lwipsim_state->heap.trims++;
      lwipsim_state->heap.used_bytes -= before - after;
      heapprobe_timeline();
    }
    return r;
  }
#endif
  return __real_mem_trim(mem, size);
}

void __wrap_mem_free(void *mem)
{
  struct lwipsim_run_state *s = lwipsim_state;
#if HAVE_MEMC
  if (s->heap.kind == LWIPSIM_HEAP_KIND_MEMC && mem != NULL) {
    uint64_t b = block_bytes(mem);
    s->heap.used_bytes -= b <= s->heap.used_bytes ? b : s->heap.used_bytes;
  }
#endif
  __real_mem_free(mem);
  if (s->heap.kind != LWIPSIM_HEAP_KIND_NONE && mem != NULL) {
    heapprobe_timeline();
  }
}

void lwipsim_heap_probe_init(uint64_t duration_ms)
{
  struct lwipsim_run_state *s = lwipsim_state;
#if ON_CHIP
  (void)duration_ms; /* no timeline */
#else
  lwipsim_timeline_init(&timeline, duration_ms);
#endif
  cap_aligned = 0;
  budget_peak_seen = 0;
  walk_broken_said = 0;
  s->heap.kind = LWIPSIM_HEAP_KIND_NONE;
  s->heap.peak_ms = s->heap.first_failure_ms = s->heap.trims = 0;
  s->heap.largest_free_at_peak = -1;
  s->heap.n_sites = s->heap.n_failures = 0;
#if HAVE_MEMC
  s->heap.kind = LWIPSIM_HEAP_KIND_MEMC;
  s->heap.size_bytes = lwipsim_profile_mem_size;
  s->heap.capacity_bytes = MEM_SIZE;
  s->heap.limit_bytes = 0;
  s->heap.used_bytes = s->heap.peak_bytes = s->heap.failed = 0;
#else
  if (CUSTOM_ALLOCATOR && s->heap.enabled) {
    s->heap.kind = LWIPSIM_HEAP_KIND_BUDGET;
    s->heap.size_bytes = s->heap.budget_bytes;
    s->heap.capacity_bytes = LWIPSIM_DEMAND ? 0 : s->heap.budget_bytes; /* 0: no limit */
    if (LWIPSIM_DEMAND) {
      lwipsim_heap_set_limit(UINT64_MAX);
    }
  }
#endif
}

#ifndef LWIPSIM_HEAP_BUDGET
#define LWIPSIM_HEAP_BUDGET 0u /* the unit tests' build */
#endif

int lwipsim_heap_probe_counted(void) { return HAVE_MEMC || (CUSTOM_ALLOCATOR && LWIPSIM_HEAP_BUDGET > 0); }

int lwipsim_heap_probe_set_cap(uint64_t bytes)
{
  struct lwipsim_run_state *s = lwipsim_state;
  if (s->heap.kind == LWIPSIM_HEAP_KIND_BUDGET) {
    lwipsim_heap_set_limit(bytes);
    return 0;
  }
#if HAVE_MEMC
  if (s->heap.kind == LWIPSIM_HEAP_KIND_MEMC) {
    s->heap.limit_bytes = bytes;
    cap_aligned = LWIP_MEM_ALIGN_SIZE(bytes);
    if (cap_aligned >= HEAP_ALIGNED) {
      cap_aligned = 0; /* this build's heap is no larger: nothing to refuse */
    }
    return 0;
  }
#endif
  (void)bytes;
  return -1;
}

void lwipsim_heap_probe_cap_to_profile(void)
{
  if (lwipsim_state->heap.kind != LWIPSIM_HEAP_KIND_NONE) {
    lwipsim_heap_probe_set_cap(lwipsim_state->heap.size_bytes);
  }
}

const struct lwipsim_timeline_point *lwipsim_heap_probe_timeline(size_t *n)
{
#if ON_CHIP
  *n = 0;
  return NULL;
#else
  return lwipsim_timeline_points(&timeline, n);
#endif
}

const char *lwipsim_heap_probe_changed_option(void)
{
#if LWIPSIM_DEMAND && HAVE_MEMC
  /* sim/stack/port/include/lwipsim_demand_pools.h */
  static char line[200];
  snprintf(line, sizeof line,
           "MEM_SIZE: %llu -> %llu (demand build: mem.c's heap compiled large; --cap HEAP=N and --profile-caps "
           "refuse what a heap of N bytes could not hold)",
           (unsigned long long)lwipsim_profile_mem_size, (unsigned long long)MEM_SIZE);
  return line;
#else
  return NULL;
#endif
}
