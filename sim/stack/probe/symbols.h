/* Names a code address after the function that holds it, from the runner's
 * own symbol table (static functions included, which dladdr cannot do). */
#ifndef LWIPSIM_SYMBOLS_H
#define LWIPSIM_SYMBOLS_H

/* Never NULL: "?" when the address is unknown. The string stays valid. */
const char *lwipsim_symbol_name(const void *addr);

#endif
