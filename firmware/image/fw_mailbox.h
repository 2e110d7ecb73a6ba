/* The firmware image's window to the host: the mailbox and its protocol
 * (sim/stack/target/fw_protocol.h, compiled by both sides), at the symbol
 * lwipsim_fw_mailbox. */
#ifndef LWIPSIM_FW_MAILBOX_H
#define LWIPSIM_FW_MAILBOX_H

#include "stack/target/fw_protocol.h"

extern struct lwipsim_fw_mailbox lwipsim_fw_mailbox;

/* Sleep until the host has written the mailbox: WFI on the RP2040; on the
 * ILP32 host chip (firmware/ilp32, LWIPSIM_FW_ILP32) a return to its driver,
 * which answers the host's requests until the next run. */
#if defined(LWIPSIM_FW_ILP32) && LWIPSIM_FW_ILP32
void lwipsim_fw_ilp32_wait(void);
#define LWIPSIM_FW_WAIT() lwipsim_fw_ilp32_wait()
#else
#define LWIPSIM_FW_WAIT() __asm__ volatile("wfi")
#endif

void _exit(int status) __attribute__((noreturn));

#endif
