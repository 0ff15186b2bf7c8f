/*
 * flow.h - the table of TCP conversations, keyed by both endpoints.
 *
 * A key is symmetric: both directions of a conversation find the same
 * entry.  Endpoints are ordered the way tcpdump orders them for its
 * relative sequence numbers (lower port first; on equal ports, lower
 * address first), and a lookup says whether the packet's source is the
 * second endpoint (`rev`).  Entries live in fixed-size chunks, so a pointer
 * to an entry stays valid until the entry is removed; memory grows with the
 * number of live entries, never with the number of packets.
 */
#ifndef TCPLENS_TRACK_FLOW_H
#define TCPLENS_TRACK_FLOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/addr.h"

struct flow_key {
    struct addr addr[2]; /* addr[0]:port[0] is the "lower" endpoint */
    uint16_t port[2];
};

/* tcpdump's relative sequence bases for one conversation. */
struct tcpdump_rel {
    bool valid;
    uint32_t base[2]; /* subtracted from the seq of endpoint 0 / 1 */
};

struct flow {
    struct flow_key key;
    uint32_t hash;
    struct tcpdump_rel rel;
};

struct flow_table;

struct flow_table *flow_table_new(void);
void flow_table_free(struct flow_table *t);

/* Canonical key for a packet from (src, sport) to (dst, dport); *rev is set
 * when the source is the key's second endpoint. */
void flow_key_make(struct flow_key *k, const struct addr *src, uint16_t sport,
                   const struct addr *dst, uint16_t dport, bool *rev);

/* Find the entry for k; with create, add a zeroed one if there is none.
 * Returns NULL only when creating failed for lack of memory. */
struct flow *flow_lookup(struct flow_table *t, const struct flow_key *k, bool create);

size_t flow_table_count(const struct flow_table *t);

#endif
