/* _exit and abort for the chip: the run ends, the mailbox says how, and the
 * core sleeps for good; the host sees the status and stops stepping. */
#include <stdlib.h>

#include "../image/fw_mailbox.h"

void _exit(int status)
{
  if (lwipsim_fw_mailbox.status != LWIPSIM_FW_PANICKED) {
    lwipsim_fw_mailbox.status = LWIPSIM_FW_EXITED;
  }
  lwipsim_fw_mailbox.out.exit_code = status;
  for (;;) {
    LWIPSIM_FW_WAIT();
  }
}

/* picolibc's abort() raises SIGABRT, which needs a process (getpid, kill).
 * On the chip it ends the run like _exit, with the status a shell shows for
 * SIGABRT (128 + 6), so the host tells it from a plain exit. */
void abort(void) { _exit(134); }
