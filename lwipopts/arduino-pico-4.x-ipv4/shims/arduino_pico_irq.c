/*
 * lwipsim shim for two arduino-pico core functions that this profile's
 * lwipopts.h names in SYS_ARCH_PROTECT / SYS_ARCH_UNPROTECT.
 * On the device (cores/rp2040/wiring_private.cpp@4.7.1) they disable and
 * restore interrupts, or enter/leave a FreeRTOS critical section. The
 * simulator runs lwIP on one thread with no interrupts, so they do nothing.
 */
void noInterrupts(void);
void interrupts(void);

void noInterrupts(void)
{
}

void interrupts(void)
{
}
