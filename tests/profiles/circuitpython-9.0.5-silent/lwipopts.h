/* Test profile: the CircuitPython 9.0.5 options unchanged; only the assert
 * policy differs (profile.ini: silent), to exercise the MicroPython /
 * pico-sdk <= 1.4 behaviour where an empty pool is recorded and the run goes
 * on. */
#include "../../../lwipopts/circuitpython-9.0.5/lwipopts.h"
