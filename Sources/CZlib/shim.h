#ifndef CLAIMEX_CZLIB_SHIM_H
#define CLAIMEX_CZLIB_SHIM_H
#include <zlib.h>

/* inflateInit2 is a macro that passes the library version and struct size; Swift needs a function. */
static inline int cx_inflate_init2(z_streamp strm, int window_bits) {
    return inflateInit2(strm, window_bits);
}
#endif
