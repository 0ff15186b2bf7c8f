/*
 * seq.h - TCP sequence-number arithmetic modulo 2^32 (RFC 9293 3.4).
 *
 * Sequence numbers are compared only through these helpers: a plain `<` on
 * two uint32_t values is wrong as soon as the space wraps.  seq_unwrap()
 * extends a 32-bit number to 64 bits next to a reference, for relative
 * numbers that keep growing past 4 GiB.
 */
#ifndef TCPLENS_BASE_SEQ_H
#define TCPLENS_BASE_SEQ_H

#include <stdbool.h>
#include <stdint.h>

/* Signed distance from b to a: positive when a is after b. */
static inline int32_t seq_diff(uint32_t a, uint32_t b) { return (int32_t)(a - b); }

static inline bool seq_lt(uint32_t a, uint32_t b) { return seq_diff(a, b) < 0; }
static inline bool seq_le(uint32_t a, uint32_t b) { return seq_diff(a, b) <= 0; }
static inline bool seq_gt(uint32_t a, uint32_t b) { return seq_diff(a, b) > 0; }
static inline bool seq_ge(uint32_t a, uint32_t b) { return seq_diff(a, b) >= 0; }

/* The 64-bit value congruent to s mod 2^32 that is nearest to ref. */
static inline uint64_t seq_unwrap(uint32_t s, uint64_t ref)
{
    return ref + (uint64_t)(int64_t)seq_diff(s, (uint32_t)ref);
}

#endif
