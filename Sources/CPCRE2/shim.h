#ifndef CLAIMEX_CPCRE2_SHIM_H
#define CLAIMEX_CPCRE2_SHIM_H
/* The 8-bit PCRE2 library. Swift cannot see PCRE2's generic names (they are token-pasting
 * macros), so Swift calls the `_8` functions; these inline helpers expose the constants
 * that are not plain integer literals. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <stddef.h>
#include <pcre2.h>

static inline size_t cx_pcre2_unset(void) { return PCRE2_UNSET; }
static inline size_t cx_pcre2_zero_terminated(void) { return PCRE2_ZERO_TERMINATED; }
#endif
