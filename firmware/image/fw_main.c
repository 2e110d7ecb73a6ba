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
#include "scenario/scenario_action.h"
#include "stack/device/device.h"
#include "stack/port/clock.h"
#include "stack/port/heap_budget.h"
#include "stack/port/platform.h"
#include "stack/probe/assert_policy.h"
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

/* Where things are in the mailbox and the run state, for a host that drives
 * the chip without this project's headers (firmware/emu/run.mjs): byte
 * offsets and sizes as this compiler laid the structs out. Order and meaning
 * are LWIPSIM_FW_LAYOUT_* in fw_mailbox.h. */
__attribute__((used)) const uint32_t lwipsim_fw_layout[] = {
  LWIPSIM_FW_LAYOUT_VERSION,
  offsetof(struct lwipsim_fw_mailbox, status),
  offsetof(struct lwipsim_fw_mailbox, doorbell),
  offsetof(struct lwipsim_fw_mailbox, answered),
  offsetof(struct lwipsim_fw_mailbox, now_ms),
  offsetof(struct lwipsim_fw_mailbox, seed),
  offsetof(struct lwipsim_fw_mailbox, mac),
  offsetof(struct lwipsim_fw_mailbox, action),
  offsetof(struct lwipsim_fw_mailbox, action_status),
  offsetof(struct lwipsim_fw_mailbox, rx),
  offsetof(struct lwipsim_fw_mailbox, tx_count),
  offsetof(struct lwipsim_fw_mailbox, tx),
  sizeof(struct lwipsim_fw_frame),
  offsetof(struct lwipsim_fw_mailbox, next_timer_ms),
  offsetof(struct lwipsim_fw_mailbox, exit_code),
  offsetof(struct lwipsim_fw_mailbox, fault_pc),
  offsetof(struct lwipsim_run_state, n_pools),
  offsetof(struct lwipsim_run_state, pools),
  sizeof(struct lwipsim_pool_state),
  offsetof(struct lwipsim_pool_state, used),
  offsetof(struct lwipsim_pool_state, peak),
  offsetof(struct lwipsim_pool_state, failed),
  offsetof(struct lwipsim_run_state, panicked),
  offsetof(struct lwipsim_run_state, panic) + offsetof(struct lwipsim_assert_info, message),
  offsetof(struct lwipsim_run_state, panic) + offsetof(struct lwipsim_assert_info, file),
  offsetof(struct lwipsim_run_state, panic) + offsetof(struct lwipsim_assert_info, line),
  offsetof(struct lwipsim_run_state, panic) + offsetof(struct lwipsim_assert_info, time_ms),
  offsetof(struct lwipsim_run_state, panic_armed) + offsetof(struct lwipsim_timer_list, count),
  offsetof(struct lwipsim_run_state, panic_armed) + offsetof(struct lwipsim_timer_list, names),
  LWIPSIM_NAME_LEN,
  offsetof(struct lwipsim_run_state, panic_arming),
  offsetof(struct lwipsim_run_state, heap.peak_bytes),
  offsetof(struct lwipsim_run_state, heap.failed),
};

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
    __asm__ volatile("wfi");
  }
  lwipsim_fw_mailbox.status = LWIPSIM_FW_BUSY;
}

/* The script lines due now, one per line, in script order: all of them run
 * before lwIP's timers, as the host engine runs a time step
 * (sim/stack/engine/engine.c: actions, frames, timers). action_status is
 * the first failure: -1 lwIP refused, -2 a line did not parse. */
static void run_actions(void)
{
  struct lwipsim_fw_mailbox *m = &lwipsim_fw_mailbox;
  m->action_status = 0;
  m->action[LWIPSIM_FW_ACTION_MAX - 1] = '\0';
  static struct lwipsim_action act;
  char msg[128];
  for (char *line = m->action, *next; *line != '\0'; line = next) {
    next = strchr(line, '\n');
    if (next != NULL) {
      *next++ = '\0';
    } else {
      next = line + strlen(line);
    }
    memset(&act, 0, sizeof act);
    int rc;
    if (lwipsim_scenario_parse_action(line, &act, msg, sizeof msg) != 0) {
      lwipsim_event_add("firmware: action '%s' not parsed: %s", line, msg);
      rc = -2;
    } else {
      act.time_ms = m->now_ms;
      act.first_ms = m->now_ms;
      rc = lwipsim_device_run(&act);
    }
    if (rc != 0 && m->action_status == 0) {
      m->action_status = rc;
    }
  }
  m->action[0] = '\0';
}

int main(void)
{
  struct lwipsim_fw_mailbox *m = &lwipsim_fw_mailbox;
  m->magic = LWIPSIM_FW_MAGIC;
  lwipsim_state = &lwipsim_fw_state;
  /* The first doorbell carries the seed and the MAC. */
  wait_doorbell();
  lwipsim_heap_init(LWIPSIM_HEAP_BUDGET);
  lwipsim_probe_init(0); /* no duration: the image keeps no timeline (LWIPSIM_PROBE_NO_TIMELINE) */
  lwipsim_rand_seed(m->seed);
  lwipsim_assert_set_policy((enum lwipsim_assert_policy)LWIPSIM_ASSERT_POLICY_ID, on_panic);
  lwipsim_clock_reset();
  lwip_init();
  struct netif *netif = lwipsim_fw_netif_add(m->mac);
  lwipsim_device_init(netif);
  for (;;) {
    if (lwipsim_clock_set_ms(m->now_ms) != 0) {
      lwipsim_event_add("firmware: host clock went backwards");
    }
    m->tx_count = 0;
    run_actions();
    if (m->rx.len > 0) {
      lwipsim_fw_netif_input(netif, m->rx.data, m->rx.len);
      m->rx.len = 0;
      lwipsim_device_poll();
    }
    sys_check_timeouts();
    lwipsim_device_poll();
    m->next_timer_ms = sys_timeouts_sleeptime();
    m->answered = m->doorbell;
    wait_doorbell();
  }
}
