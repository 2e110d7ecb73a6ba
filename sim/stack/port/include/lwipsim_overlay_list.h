/* Every option the observability overlay (lwipopts.h beside this file)
 * replaces, one entry each, in the order the run record's
 * sim_changed_options lists them (sim/stack/port/sim_options.c expands this
 * list; nothing else writes those lines).
 *
 * X(OPTION, LISTED, WHEN_DEFINED, WHEN_UNDEFINED)
 *   OPTION          the macro the overlay #undefs and redefines. Its block in
 *                   the overlay sets LWIPSIM_PROFILE_HAD_<OPTION> to 1 when the
 *                   profile's header defined it and to 0 when not (a list entry
 *                   without that bookkeeping does not compile).
 *   LISTED          a C expression: whether this build lists the entry at all.
 *   WHEN_DEFINED    the line when the profile's header defined OPTION,
 *   WHEN_UNDEFINED  and when it did not; NULL: no line (the overlay changes
 *                   nothing then).
 * An option several macros make up (the critical sections) names them all
 * before the colon. tests/unit/common/test_overlay_list.c fails when the
 * overlay #undefs a macro no entry names.
 *
 * The overlay itself cannot be generated from this list: the preprocessor
 * cannot emit #ifdef or #undef. */
#ifndef LWIPSIM_OVERLAY_LIST_H
#define LWIPSIM_OVERLAY_LIST_H

#define LWIPSIM_OVERLAY_STR2(x) #x
#define LWIPSIM_OVERLAY_STR(x) LWIPSIM_OVERLAY_STR2(x)

#define LWIPSIM_TESTMODE_WHY "1, to walk the armed-timeout list (observation only)"
#define LWIPSIM_FRAG_COPYHEADER_WHY "1, required on 64-bit hosts (portability)"
#define LWIPSIM_CLOCK_SETTER_WHY "the header's firmware clock setter -> recording no-op (an event per call)"

#define LWIPSIM_OVERLAY_OPTIONS(X)                                                                                   \
  X(LWIP_TESTMODE, LWIPSIM_PROFILE_LWIP_TESTMODE != 1,                                                               \
    "LWIP_TESTMODE: " LWIPSIM_OVERLAY_STR(LWIPSIM_PROFILE_LWIP_TESTMODE) " -> " LWIPSIM_TESTMODE_WHY,                \
    "LWIP_TESTMODE: unset (0) -> " LWIPSIM_TESTMODE_WHY)                                                             \
  X(LWIP_RAND, 1, "LWIP_RAND: firmware's random source -> seeded deterministic PRNG (scenario seed)",                \
    "LWIP_RAND: unset -> seeded deterministic PRNG (scenario seed)")                                                 \
  X(IPV6_FRAG_COPYHEADER, LWIPSIM_OVERLAY_SETS_IPV6_FRAG_COPYHEADER && LWIPSIM_PROFILE_IPV6_FRAG_COPYHEADER != 1,   \
    "IPV6_FRAG_COPYHEADER: " LWIPSIM_OVERLAY_STR(LWIPSIM_PROFILE_IPV6_FRAG_COPYHEADER) " -> "                        \
        LWIPSIM_FRAG_COPYHEADER_WHY,                                                                                 \
    "IPV6_FRAG_COPYHEADER: -1 -> " LWIPSIM_FRAG_COPYHEADER_WHY)                                                      \
  X(LWIP_PLATFORM_ASSERT, 1,                                                                                         \
    "LWIP_PLATFORM_ASSERT: the header's -> lwipsim assert hook applying the profile's assert policy",                \
    "LWIP_PLATFORM_ASSERT: firmware's -> lwipsim assert hook applying the profile's assert policy")                  \
  X(LWIP_PLATFORM_DIAG, 1, "LWIP_PLATFORM_DIAG: the header's -> the run's event log", NULL)                          \
  X(SYS_ARCH_PROTECT, 1,                                                                                             \
    "SYS_ARCH_DECL_PROTECT, SYS_ARCH_PROTECT, SYS_ARCH_UNPROTECT: the header's critical sections -> no-op "          \
    "(single-threaded simulation)",                                                                                  \
    NULL)                                                                                                            \
  X(SNTP_SET_SYSTEM_TIME, 1, "SNTP_SET_SYSTEM_TIME: " LWIPSIM_CLOCK_SETTER_WHY, NULL)                                \
  X(SNTP_SET_SYSTEM_TIME_US, 1, "SNTP_SET_SYSTEM_TIME_US: " LWIPSIM_CLOCK_SETTER_WHY, NULL)                          \
  X(SNTP_SET_SYSTEM_TIME_NTP, 1, "SNTP_SET_SYSTEM_TIME_NTP: " LWIPSIM_CLOCK_SETTER_WHY, NULL)                        \
  X(SNTP_GET_SYSTEM_TIME, 1,                                                                                         \
    "SNTP_GET_SYSTEM_TIME: the header's firmware clock getter -> 0 s, 0 us (lwIP's default)", NULL)                  \
  X(SNTP_GET_SYSTEM_TIME_NTP, 1,                                                                                     \
    "SNTP_GET_SYSTEM_TIME_NTP: the header's firmware clock getter -> 0 s, 0 frac (lwIP's default)", NULL)

#endif
