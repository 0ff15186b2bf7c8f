/*
 * cksum.h - the Internet checksum (RFC 1071) over byte views.
 *
 * Sums are carried in 64 bits and folded at the end.  Chained calls must
 * pass even-length chunks except for the last one (pseudo-headers are even).
 * cksum_finish() gives the value a correct packet has as 0, the same
 * convention tcpdump uses for "(correct)".
 */
#ifndef TCPLENS_BASE_CKSUM_H
#define TCPLENS_BASE_CKSUM_H

#include <stdint.h>

#include "base/rd.h"

uint64_t cksum_add(uint64_t sum, struct bytes b);
uint64_t cksum_add16(uint64_t sum, uint16_t v);

/* One's-complement of the folded sum: 0 when the covered bytes verify. */
uint16_t cksum_finish(uint64_t sum);

/* The value the checksum field should have held, given the field's value and
 * cksum_finish() over the data including that field. */
uint16_t cksum_shouldbe(uint16_t field, uint16_t computed);

#endif
