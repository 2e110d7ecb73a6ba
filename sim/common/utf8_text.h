/* Is a string text that JSON and XML can carry as it is? Scenario files and
 * folder names end up in run records (JSON) and junit.xml (XML 1.0); cJSON
 * copies bytes through unchecked, so invalid UTF-8 or a control character
 * would make both files unreadable. Checked at the input, where the error can
 * name the file and line. */
#ifndef LWIPSIM_UTF8_TEXT_H
#define LWIPSIM_UTF8_TEXT_H

#include <stddef.h>

/* Returns 0 when s is well-formed UTF-8 (no overlong forms, no surrogates,
 * nothing above U+10FFFF) and free of control characters (C0 other than tab,
 * and DEL); otherwise -1 and, in *bad_at, the byte offset of the first offender. */
int lwipsim_utf8_text_check(const char *s, size_t *bad_at);

#endif
