#include "cli/lwipopts_patch.h"

#include "common/strbuf.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int is_ident(int c) { return isalnum(c) || c == '_'; }

static int all_digits(const char *s, size_t n)
{
  if (n == 0) {
    return 0;
  }
  for (size_t i = 0; i < n; i++) {
    if (!isdigit((unsigned char)s[i])) {
      return 0;
    }
  }
  return 1;
}

/* The ')' that closes the '(' at s[0], or -1. */
static long closing_paren(const char *s, size_t n)
{
  int depth = 0;
  for (size_t i = 0; i < n; i++) {
    depth += s[i] == '(' ? 1 : s[i] == ')' ? -1 : 0;
    if (depth == 0) {
      return (long)i;
    }
  }
  return -1;
}

void lwipsim_lwipopts_new_value(const char *old, long configured, long recommended, char *out, size_t cap)
{
  long delta = recommended - configured;
  size_t n = strlen(old);
  if (delta <= 0) {
    snprintf(out, cap, "%s", old); /* nothing to raise: as it was */
    return;
  }
  if (all_digits(old, n)) {
    snprintf(out, cap, "%ld", recommended);
    return;
  }
  /* (inner) -> inner, to add to it inside the same parentheses */
  const char *inner = old;
  size_t len = n;
  int wrapped = n >= 2 && old[0] == '(' && closing_paren(old, n) == (long)n - 1;
  if (wrapped) {
    inner++;
    len -= 2;
  }
  /* "... + N": raise N */
  size_t d = len;
  while (d > 0 && isdigit((unsigned char)inner[d - 1])) {
    d--;
  }
  size_t p = d;
  while (p > 0 && inner[p - 1] == ' ') {
    p--;
  }
  if (d < len && p > 0 && inner[p - 1] == '+' && (d == 0 || !is_ident((unsigned char)inner[d - 1]))) {
    long lit = strtol(inner + d, NULL, 10);
    snprintf(out, cap, "%s%.*s%ld%s", wrapped ? "(" : "", (int)d, inner, lit + delta, wrapped ? ")" : "");
    return;
  }
  snprintf(out, cap, "(%.*s + %ld)", (int)len, inner, delta);
}

/* Line [s, e) is "#define NAME value [comment]" for one of the changes:
 * returns its index and the value's span, or -1. */
static int define_of(const char *s, const char *e, const struct lwipsim_option_change *ch, size_t n, const char **vs,
                     const char **ve)
{
  const char *p = s;
  while (p < e && (*p == ' ' || *p == '\t')) {
    p++;
  }
  if (p == e || *p != '#') {
    return -1;
  }
  p++;
  while (p < e && (*p == ' ' || *p == '\t')) {
    p++;
  }
  if ((size_t)(e - p) < 7 || strncmp(p, "define", 6) != 0 || (p[6] != ' ' && p[6] != '\t')) {
    return -1;
  }
  p += 6;
  while (p < e && (*p == ' ' || *p == '\t')) {
    p++;
  }
  const char *name = p;
  while (p < e && is_ident((unsigned char)*p)) {
    p++;
  }
  size_t nlen = (size_t)(p - name);
  if (p < e && *p == '(') {
    return -1; /* a function-like macro */
  }
  for (size_t i = 0; i < n; i++) {
    if (strlen(ch[i].macro) == nlen && strncmp(ch[i].macro, name, nlen) == 0) {
      while (p < e && (*p == ' ' || *p == '\t')) {
        p++;
      }
      const char *end = p;
      for (const char *q = p; q < e; q++) {
        if (q + 1 < e && q[0] == '/' && (q[1] == '*' || q[1] == '/')) {
          break;
        }
        if (*q != ' ' && *q != '\t' && *q != '\r') {
          end = q + 1;
        }
      }
      *vs = p;
      *ve = end;
      return (int)i;
    }
  }
  return -1;
}

/* Where the added block goes: the start of the last line when it is the
 * include guard's #endif (nothing but blank lines after it), else the end. */
static size_t block_at(const char *h)
{
  size_t n = strlen(h), end = n;
  while (end > 0 && isspace((unsigned char)h[end - 1])) {
    end--;
  }
  size_t start = end;
  while (start > 0 && h[start - 1] != '\n') {
    start--;
  }
  const char *p = h + start;
  while (*p == ' ' || *p == '\t') {
    p++;
  }
  return strncmp(p, "#endif", 6) == 0 ? start : n;
}

char *lwipsim_lwipopts_patch(const char *header, const struct lwipsim_option_change *ch, size_t n, const char *note)
{
  struct lwipsim_sb t = { 0 };
  int *defined = calloc(n > 0 ? n : 1, sizeof *defined);
  if (defined == NULL) {
    return NULL;
  }
  size_t at = block_at(header);
  const char *p = header, *stop = header + at;
  while (p < stop) {
    const char *nl = memchr(p, '\n', (size_t)(stop - p));
    const char *e = nl ? nl : stop;
    const char *vs, *ve;
    int i = define_of(p, e, ch, n, &vs, &ve);
    if (i >= 0) {
      char old[256], value[320];
      snprintf(old, sizeof old, "%.*s", (int)(ve - vs), vs);
      lwipsim_lwipopts_new_value(old, ch[i].configured, ch[i].recommended, value, sizeof value);
      lwipsim_sb_append(&t, p, (size_t)(vs - p));
      lwipsim_sb_printf(&t, "%s", value);
      lwipsim_sb_append(&t, ve, (size_t)(e - ve));
      defined[i] = 1;
    } else {
      lwipsim_sb_append(&t, p, (size_t)(e - p));
    }
    if (nl != NULL) {
      lwipsim_sb_printf(&t, "%s", "\n");
    }
    p = nl ? nl + 1 : stop;
  }
  int any = 0;
  for (size_t i = 0; i < n; i++) {
    if (!defined[i]) {
      if (!any) {
        if (t.len > 0 && t.s[t.len - 1] != '\n') {
          lwipsim_sb_printf(&t, "%s", "\n");
        }
        lwipsim_sb_printf(&t, "/* %s */\n", note);
        any = 1;
      }
      lwipsim_sb_printf(&t, "#define %s %s\n", ch[i].macro, ch[i].paste);
    }
  }
  if (any && at < strlen(header)) {
    lwipsim_sb_printf(&t, "%s", "\n");
  }
  lwipsim_sb_printf(&t, "%s", header + at);
  free(defined);
  return lwipsim_sb_take(&t);
}
