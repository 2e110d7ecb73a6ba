#include "stack/port/heap_budget.h"

#include <stdlib.h>
#include <string.h>

#include "stack/state/events.h"
#include "stack/state/run_state.h"

/* Each block remembers its size just before the bytes lwIP sees; 16 keeps
 * the payload aligned for anything lwIP stores. */
#define HEADER 16

void lwipsim_heap_init(uint64_t budget_bytes)
{
  lwipsim_state->heap.enabled = budget_bytes > 0;
  lwipsim_state->heap.budget_bytes = budget_bytes;
  lwipsim_state->heap.limit_bytes = budget_bytes;
  lwipsim_state->heap.used_bytes = 0;
  lwipsim_state->heap.peak_bytes = 0;
  lwipsim_state->heap.failed = 0;
}

void lwipsim_heap_set_limit(uint64_t limit_bytes) { lwipsim_state->heap.limit_bytes = limit_bytes; }

void *lwip_heap_malloc(size_t size)
{
  struct lwipsim_run_state *s = lwipsim_state;
  if (s->heap.enabled && s->heap.used_bytes + size > s->heap.limit_bytes) {
    s->heap.failed++;
    lwipsim_event_add("heap: %zu bytes refused, %llu of %llu in use", size, (unsigned long long)s->heap.used_bytes,
                      (unsigned long long)s->heap.limit_bytes);
    return NULL;
  }
  unsigned char *block = malloc(HEADER + size);
  if (block == NULL) {
    return NULL;
  }
  memcpy(block, &size, sizeof size);
  s->heap.used_bytes += size;
  if (s->heap.used_bytes > s->heap.peak_bytes) {
    s->heap.peak_bytes = s->heap.used_bytes;
  }
  return block + HEADER;
}

void lwip_heap_free(void *ptr)
{
  if (ptr == NULL) {
    return;
  }
  unsigned char *block = (unsigned char *)ptr - HEADER;
  size_t size;
  memcpy(&size, block, sizeof size);
  lwipsim_state->heap.used_bytes -= size;
  free(block);
}

void *lwip_heap_calloc(size_t num, size_t size)
{
  if (size != 0 && num > SIZE_MAX / size) {
    return NULL;
  }
  void *p = lwip_heap_malloc(num * size);
  if (p != NULL) {
    memset(p, 0, num * size);
  }
  return p;
}
