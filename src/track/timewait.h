/*
 * timewait.h - the addresses and ports of connections forgotten while one
 * side still held TIME_WAIT, so that a new connection on them is still
 * seen to reuse them too early.
 *
 * The flow table forgets a closed connection early when too many are
 * closed at once (memory stays constant however fast connections come and
 * go); what it knew about TIME_WAIT then lives on here, in 48 bytes instead
 * of a whole connection.  The table is a fixed two-way set-associative
 * cache: when both places for a key are taken by live entries, the one
 * that expires first gives way, so under extreme churn a reuse can go
 * unnoticed, but a key is compared whole, so none is ever reported falsely.
 */
#ifndef TCPLENS_TRACK_TIMEWAIT_H
#define TCPLENS_TRACK_TIMEWAIT_H

#include <stdbool.h>
#include <stddef.h>

#include "track/flow.h"
#include "track/seg.h"

struct timewait;

/* A table of `slots` entries (rounded up to a power of two). */
struct timewait *timewait_new(size_t slots);
void timewait_free(struct timewait *tw);

/* k's TIME_WAIT lasts until `until` (capture time). */
void timewait_add(struct timewait *tw, const struct flow_key *k, uint32_t hash, nstime until);

/* k was forgotten while in a TIME_WAIT that lasts past `now`; the entry is
 * used up either way. */
bool timewait_take(struct timewait *tw, const struct flow_key *k, uint32_t hash, nstime now);

#endif
