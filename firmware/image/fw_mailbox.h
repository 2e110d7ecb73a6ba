/* The firmware image's window to the host: the mailbox and its protocol
 * (sim/stack/target/fw_protocol.h, compiled by both sides), at the symbol
 * lwipsim_fw_mailbox. */
#ifndef LWIPSIM_FW_MAILBOX_H
#define LWIPSIM_FW_MAILBOX_H

#include "stack/target/fw_protocol.h"

extern struct lwipsim_fw_mailbox lwipsim_fw_mailbox;

void _exit(int status) __attribute__((noreturn));

#endif
