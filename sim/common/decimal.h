/* Decimal digits of an integer without printf: the report's SVG numbers and
 * the run record's integers, some hundred thousand a report, cost a
 * vsnprintf each before (issue 12). */
#ifndef LWIPSIM_COMMON_DECIMAL_H
#define LWIPSIM_COMMON_DECIMAL_H

/* The bytes "%lld" prints for v, written to end just before `end`
 * (LWIPSIM_DECIMAL_MAX bytes before it must be writable; no NUL); returns
 * where they start. */
char *lwipsim_decimal_before(char *end, long long v);
#define LWIPSIM_DECIMAL_MAX 20 /* "-9223372036854775808" */

#endif
