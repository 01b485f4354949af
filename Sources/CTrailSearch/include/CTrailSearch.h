// Byte-string search with SIMD: the raw-text prefilters' hot loop (see Search.c).
#ifndef CTRAIL_SEARCH_H
#define CTRAIL_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

/// Offset of the first occurrence of `needle` (`m` bytes, m >= 1) in `text` (`n` bytes), or -1.
/// When the needle is absent and `escape` is not NULL, `*escape` tells whether `text` holds the two bytes `\u`
/// (found in the same pass); when the needle is found, `*escape` is left unchanged.
ptrdiff_t ctrail_find(const void *text, size_t n, const void *needle, size_t m, bool *escape);

/// `ctrail_find` limited to an instruction set, for tests: 0 scalar, 1 SSE2, 2 AVX2 (each where the CPU has it).
ptrdiff_t ctrail_find_at_level(const void *text, size_t n, const void *needle, size_t m, bool *escape, int level);

#endif
