/* The firmware's main: the same device code as the host runner
 * (sim/stack/device), the same probe and assert policy (sim/stack/probe), the
 * same port (sim/stack/port) and the same action parser (sim/scenario),
 * compiled for the RP2040 against the profile's own lwipopts.h. Only the
 * runner's host parts are not here: the fork, the capture, the record's JSON;
 * the host reads the run state (lwipsim_fw_state) out of SRAM instead.
 * The loop answers the mailbox (fw_mailbox.h). */
#include <stddef.h>
#include <string.h>

#include "fw_mailbox.h"
#include "fw_netif.h"
#include "lwip/init.h"
#include "lwip/timeouts.h"
#include "scenario/scenario.h"
#include "stack/device/device.h"
#include "stack/port/clock.h"
#include "stack/port/heap_budget.h"
#include "stack/port/platform.h"
#include "stack/probe/assert_policy.h"
#include "stack/probe/heap_probe.h"
#include "stack/probe/probe.h"
#include "stack/state/events.h"
#include "stack/state/run_state.h"

/* LWIPSIM_ASSERT_POLICY_ID and LWIPSIM_HEAP_BUDGET come from the profile's
 * profile.ini, as for the host runner (firmware/CMakeLists.txt). */
#ifndef LWIPSIM_ASSERT_POLICY_ID
#error "LWIPSIM_ASSERT_POLICY_ID: set by firmware/CMakeLists.txt from profile.ini"
#endif

struct lwipsim_fw_mailbox lwipsim_fw_mailbox;
/* The run state the host runner keeps in shared memory: here plain SRAM,
 * read by the host at the end of a run. */
struct lwipsim_run_state lwipsim_fw_state;

/* The sizes and offsets of the mailbox and the run state as this compiler
 * laid them out (sim/stack/target/fw_protocol.h, LWIPSIM_FW_LAYOUT): the
 * host compares them with its own before it reads or writes a byte. */
#define LWIPSIM_FW_LAYOUT_ENTRY(e) (uint32_t)(e),
__attribute__((used)) const uint32_t lwipsim_fw_layout[] = { LWIPSIM_FW_LAYOUT(LWIPSIM_FW_LAYOUT_ENTRY) };

static void on_panic(void)
{
  /* assert_policy.c has recorded the panic in the run state and exits(4)
   * after this returns: say so where the host looks first. */
  lwipsim_fw_mailbox.status = LWIPSIM_FW_PANICKED;
}

static void wait_doorbell(void)
{
  lwipsim_fw_mailbox.status = LWIPSIM_FW_IDLE;
  while (lwipsim_fw_mailbox.doorbell == lwipsim_fw_mailbox.answered) {
    LWIPSIM_FW_WAIT();
  }
  lwipsim_fw_mailbox.status = LWIPSIM_FW_BUSY;
}

/* One script action, as the host parsed it from the scenario (the same
 * sim/scenario code), run by the same device code as on the host. */
static void run_action(void)
{
  static struct lwipsim_action act;
  lwipsim_fw_action_decode(lwipsim_fw_mailbox.action, &act);
  lwipsim_fw_mailbox.out.action_status = lwipsim_device_run(&act);
}

/* The script's "on EVENT" actions, as the host parsed them: the device code
 * runs them on its main loop's rising edges, as on the host
 * (lwipsim_device_set_actions). The host refuses a script with more. */
static struct lwipsim_action event_actions[LWIPSIM_FW_EVENT_ACTIONS];
static size_t n_event_actions;

static void add_event_action(void)
{
  if (n_event_actions < LWIPSIM_FW_EVENT_ACTIONS) {
    lwipsim_fw_action_decode(lwipsim_fw_mailbox.action, &event_actions[n_event_actions++]);
    lwipsim_device_set_actions(event_actions, n_event_actions);
    lwipsim_fw_mailbox.out.action_status = 0;
  } else {
    lwipsim_fw_mailbox.out.action_status = -1;
  }
}

/* The failure summary the host's impact watch reads after every turn. */
static void export_failures(struct lwipsim_fw_out *out)
{
  const struct lwipsim_run_state *s = &lwipsim_fw_state;
  uint32_t failed = 0;
  for (uint32_t i = 0; i < s->n_pools && i < LWIPSIM_MAX_POOLS; i++) {
    failed += s->pools[i].failed;
  }
  out->pool_failures = failed;
  out->panicked = (uint32_t)s->panicked;
  out->n_asserts = s->n_asserts;
  out->heap_failed = (uint32_t)s->heap.failed;
  out->write_refused = (uint32_t)s->device.http_write_refused;
}

int main(void)
{
  struct lwipsim_fw_mailbox *m = &lwipsim_fw_mailbox;
  m->magic = LWIPSIM_FW_MAGIC;
  lwipsim_state = &lwipsim_fw_state;
  /* The first doorbell (OP_BOOT) carries the seed and the MAC. */
  wait_doorbell();
  lwipsim_heap_init(LWIPSIM_HEAP_BUDGET);
  /* no duration: the image keeps no timeline (LWIPSIM_PROBE_NO_TIMELINE) */
  lwipsim_probe_init(0);
  /* lwIP's heap as the host counts it (heap_probe.c, the same mem_* wraps):
   * mem.c's own heap from its block headers, or a heap budget
   * (MEM_CUSTOM_ALLOCATOR profiles, heap_budget.c). */
  lwipsim_heap_probe_init(0);
  lwipsim_rand_seed(m->seed);
  lwipsim_assert_set_policy((enum lwipsim_assert_policy)LWIPSIM_ASSERT_POLICY_ID, on_panic);
  lwipsim_clock_reset();
  lwip_init();
  struct netif *netif = lwipsim_fw_netif_add(m->mac);
  lwipsim_device_init(netif);
  lwipsim_device_set_readd(lwipsim_fw_netif_readd);
  m->out.action_status = 0;
  if (m->has_ap) {
    /* [device] ap_mac: as the host engine's lwipsim_engine_add_interfaces */
    struct netif *ap = lwipsim_fw_netif_add_ap(m->ap_mac);
    lwipsim_device_set_interface(LWIPSIM_ITF_AP, ap);
    m->out.action_status = ap != NULL ? 0 : -1;
  }
  /* Each doorbell: what the host engine does at one step, in its order
   * (sim/stack/engine/engine.c): an action, a frame, lwIP's timers, the
   * device's main loop. */
  for (;;) {
    if (lwipsim_clock_set_ms(m->now_ms) != 0) {
      lwipsim_event_add("firmware: host clock went backwards");
    }
    uint32_t ops = m->ops;
    m->out.tx_count = 0;
    m->out.rx_result = 0;
    if (ops & LWIPSIM_FW_OP_EVENT_ACTION) {
      add_event_action();
    }
    if (ops & LWIPSIM_FW_OP_ACTION) {
      run_action();
    }
    if (ops & LWIPSIM_FW_OP_RX) {
      m->out.rx_result = lwipsim_fw_netif_input(netif, m->rx.data, m->rx.len);
    }
    if (ops & LWIPSIM_FW_OP_TIMERS) {
      sys_check_timeouts();
    }
    if (ops & LWIPSIM_FW_OP_POLL) {
      lwipsim_device_poll();
    }
    m->out.next_timer_ms = sys_timeouts_sleeptime();
    lwipsim_fw_netif_export(&m->out);
    export_failures(&m->out);
    m->out.event_head = lwipsim_fw_state.event_head;
    m->answered = m->doorbell;
    wait_doorbell();
  }
}
