/* pico-examples pico_w/wifi/lwipopts_examples_common.h at sdk-2.0.0: the
 * same file as lwipopts/pico-examples-common-sdk-2.0.0 holds (cited there),
 * under the name the example's lwipopts.h includes. */
#include "../pico-examples-common-sdk-2.0.0/lwipopts_examples_common.h"
