/* picolibc's stdio needs the application to say where stdout and stderr go
 * (picolibc's tinystdio: FDEV_SETUP_STREAM). The device code writes nothing
 * there, but the assert policy's abort path prints lwIP's message as lwIP's
 * default does: on the chip it lands in a small ring in SRAM that the host
 * can read (lwipsim_fw_console). */
#include <stdio.h>

#define CONSOLE_BYTES 256

char lwipsim_fw_console[CONSOLE_BYTES];
unsigned lwipsim_fw_console_len;

static int console_put(char c, FILE *f)
{
  (void)f;
  lwipsim_fw_console[lwipsim_fw_console_len++ % CONSOLE_BYTES] = c;
  return (unsigned char)c;
}

static FILE console = FDEV_SETUP_STREAM(console_put, NULL, NULL, _FDEV_SETUP_WRITE);
FILE *const stdout = &console;
FILE *const stderr = &console;
