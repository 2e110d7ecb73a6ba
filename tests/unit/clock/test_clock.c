#include "clock/test_clock.h"

#include "lwip/sys.h"
#include "lwip/timeouts.h"
#include "stack/port/clock.h"

static int fired;
static void count_fire(void *arg)
{
  (void)arg;
  fired++;
}

START_TEST(test_clock_next_event_is_earliest)
{
  ck_assert_uint_eq(lwipsim_clock_next_event(30, 10, 20), 10);
  ck_assert_uint_eq(lwipsim_clock_next_event(5, 10, 20), 5);
  ck_assert_uint_eq(lwipsim_clock_next_event(LWIPSIM_TIME_NEVER, LWIPSIM_TIME_NEVER, 7), 7);
  ck_assert_uint_eq(lwipsim_clock_next_event(LWIPSIM_TIME_NEVER, LWIPSIM_TIME_NEVER, LWIPSIM_TIME_NEVER),
                    LWIPSIM_TIME_NEVER);
}
END_TEST

START_TEST(test_clock_never_goes_back)
{
  lwipsim_clock_reset();
  ck_assert_int_eq(lwipsim_clock_set_ms(1000), 0);
  ck_assert_int_eq(lwipsim_clock_set_ms(999), -1);
  ck_assert_uint_eq(lwipsim_clock_now_ms(), 1000);
  ck_assert_uint_eq(sys_now(), 1000);
}
END_TEST

START_TEST(test_clock_sys_now_wraps_like_a_device)
{
  lwipsim_clock_reset();
  lwipsim_clock_set_ms(0x100000000ull + 42);
  ck_assert_uint_eq(sys_now(), 42);
  lwipsim_clock_reset();
}
END_TEST

START_TEST(test_clock_timer_due_follows_lwip)
{
  /* lwIP's own sleeptime decides when the next step is; here a timer armed
   * for 250 ms fires exactly when the clock reaches it and not before. */
  lwipsim_clock_reset();
  lwipsim_clock_set_ms(5000);
  sys_check_timeouts(); /* the cyclic timers catch up with the jump */
  fired = 0;
  sys_timeout(250, count_fire, NULL);
  uint64_t due = lwipsim_clock_timer_due_ms(sys_timeouts_sleeptime());
  ck_assert_uint_le(due, 5250);
  lwipsim_clock_set_ms(5249);
  sys_check_timeouts();
  ck_assert_int_eq(fired, 0);
  lwipsim_clock_set_ms(5250);
  sys_check_timeouts();
  ck_assert_int_eq(fired, 1);
  ck_assert_uint_eq(lwipsim_clock_timer_due_ms(SYS_TIMEOUTS_SLEEPTIME_INFINITE), LWIPSIM_TIME_NEVER);
}
END_TEST

Suite *clock_suite(void)
{
  Suite *s = suite_create("clock");
  TCase *tc = lwipsim_unit_tcase("clock");
  tcase_add_test(tc, test_clock_next_event_is_earliest);
  tcase_add_test(tc, test_clock_never_goes_back);
  tcase_add_test(tc, test_clock_sys_now_wraps_like_a_device);
  tcase_add_test(tc, test_clock_timer_due_follows_lwip);
  suite_add_tcase(s, tc);
  return s;
}
