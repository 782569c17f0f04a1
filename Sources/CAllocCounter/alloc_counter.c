/* See include/alloc_counter.h for what this is and why it is sound. */
#define _GNU_SOURCE
#include "alloc_counter.h"
#include <errno.h>
#include <malloc.h>
#include <stddef.h>
#include <string.h>
#include <unistd.h>

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define CX_SANITIZED 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define CX_SANITIZED 1
#endif

static __thread uint64_t allocs;
static __thread uint64_t bytes;
static __thread uint64_t frees;

uint64_t cx_alloc_count(void) { return allocs; }
uint64_t cx_alloc_bytes(void) { return bytes; }
uint64_t cx_free_count(void) { return frees; }
void cx_alloc_trim(void) { malloc_trim(0); }

#ifndef CX_SANITIZED
/* glibc's allocator under its exported internal names. */
extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t size);
extern void *__libc_memalign(size_t alignment, size_t size);
extern void __libc_free(void *p);

void *malloc(size_t size) {
    allocs++;
    bytes += size;
    return __libc_malloc(size);
}

void *calloc(size_t n, size_t size) {
    allocs++;
    bytes += n * size;
    return __libc_calloc(n, size);
}

void *realloc(void *p, size_t size) {
    allocs++;
    bytes += size;
    return __libc_realloc(p, size);
}

void free(void *p) {
    if (p) frees++;
    __libc_free(p);
}

int posix_memalign(void **out, size_t alignment, size_t size) {
    if (alignment < sizeof(void *) || (alignment & (alignment - 1)) != 0) return EINVAL;
    allocs++;
    bytes += size;
    void *p = __libc_memalign(alignment, size);
    if (!p && size) return ENOMEM;
    *out = p;
    return 0;
}

void *aligned_alloc(size_t alignment, size_t size) {
    allocs++;
    bytes += size;
    return __libc_memalign(alignment, size);
}

void *memalign(size_t alignment, size_t size) {
    allocs++;
    bytes += size;
    return __libc_memalign(alignment, size);
}

void *valloc(size_t size) {
    allocs++;
    bytes += size;
    return __libc_memalign((size_t)sysconf(_SC_PAGESIZE), size);
}

int cx_alloc_counting(void) {
    /* An allocation made inside a shared library (glibc's strdup calls malloc through its
     * PLT) must reach the counter: that is the interposition every other library relies on. */
    uint64_t before = allocs;
    char *p = strdup("x");
    free(p);
    return allocs > before;
}
#else
int cx_alloc_counting(void) { return 0; }
#endif
