#ifndef CLAIMEX_ALLOC_COUNTER_H
#define CLAIMEX_ALLOC_COUNTER_H
/* Counts heap allocations of the calling thread, for claimex-bench only (never linked into the
 * ClaimEx library or the claimex command).
 *
 * How: this target defines malloc, calloc, realloc, free, posix_memalign, aligned_alloc,
 * memalign and valloc. An executable's symbols come first in the dynamic linker's lookup, so
 * every shared library of the process (the Swift runtime, Foundation, libxml2, PCRE2, zlib)
 * calls these, and they count, then hand the call to glibc's own allocator (__libc_malloc and
 * friends, which glibc exports for exactly this). The counters are thread-local: no lock, no
 * atomic, so counting costs a few instructions an allocation and the timings stay honest; a
 * stage measured on one thread reads its own counts. Under AddressSanitizer or
 * ThreadSanitizer (which interpose malloc themselves) nothing is defined and
 * cx_alloc_counting() returns 0. */
#include <stdint.h>

/* Allocator calls made by this thread so far: malloc, calloc, realloc, posix_memalign,
 * aligned_alloc, memalign, valloc (a realloc counts as one: it may move the block). */
uint64_t cx_alloc_count(void);
/* Bytes asked for by those calls. */
uint64_t cx_alloc_bytes(void);
/* free calls (of non-NULL pointers) made by this thread so far. */
uint64_t cx_free_count(void);
/* 1 when allocations are really being counted (the interposed allocator is the one in use). */
int cx_alloc_counting(void);
/* Returns freed heap memory to the system (glibc malloc_trim(0)), before a peak-RSS reset. */
void cx_alloc_trim(void);
#endif
