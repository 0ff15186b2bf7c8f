/*
 * flow.h - the table of TCP conversations, keyed by both endpoints.
 *
 * A key is symmetric: both directions of a conversation find the same
 * entry.  Endpoints are ordered the way tcpdump orders them for its
 * relative sequence numbers (lower port first; on equal ports, lower
 * address first), and a lookup says whether the packet's source is the
 * second endpoint (`rev`).
 *
 * Memory follows the connections that are alive, not the length of the
 * capture: every entry sits on one of two lists in order of last use, one
 * for open conversations and one for closed ones (a RST, or a FIN from
 * each side); flow_expire() drops closed ones once they have been quiet
 * long enough, or sooner, oldest first, when too many are closed at once; beyond a cap on all entries the closed ones go first and then
 * the open ones, least recently used first (so memory has a bound even
 * under a flood of new connections); and open ones (only when asked: a
 * silent connection may still be alive, as a kept-alive one is) after an
 * idle timeout.
 * Entries live in fixed-size chunks and freed ones are reused, so a pointer
 * to an entry stays valid until that entry expires.
 */
#ifndef TCPLENS_TRACK_FLOW_H
#define TCPLENS_TRACK_FLOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/addr.h"
#include "track/conn.h"

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
    uint32_t id;         /* entry number in the table */
    uint32_t prev, next; /* neighbours on its list (entry number + 1; 0: none) */
    int64_t last_seen;   /* capture time of the last packet, in seconds */
    bool closed;         /* on the closed list */
    struct tcpdump_rel rel;
    struct conn conn;    /* the current stream on these addresses and ports */
};

/* When a conversation is forgotten. */
struct flow_expiry {
    int64_t idle_closed; /* seconds of capture time after it closed (RST, or FIN from both sides) */
    size_t max_closed;   /* beyond this many closed ones, the oldest goes before its time */
    size_t max_entries;  /* beyond this many (open and closed), the closed ones go
                          * first, least recently used first, then open ones */
    int64_t idle_open;   /* seconds of silence after which an open one goes; 0: never */
};

/* Why flow_expire() drops an entry. */
enum flow_gone { FLOW_CLOSED_QUIET, FLOW_OPEN_IDLE, FLOW_OVER_CAP };

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

/* A packet of f was seen at `now`: it becomes the most recent on its list. */
void flow_touch(struct flow_table *t, struct flow *f, int64_t now);

/* f's connection is over: it moves to the closed list. */
void flow_close(struct flow_table *t, struct flow *f);
/* f starts again (a new stream on the same addresses and ports). */
void flow_reopen(struct flow_table *t, struct flow *f);

/* Drop what the policy says to forget, calling gone (if not NULL) on each
 * entry just before it goes; returns how many were dropped. */
size_t flow_expire(struct flow_table *t, int64_t now, const struct flow_expiry *policy,
                   void (*gone)(void *ctx, struct flow *f, enum flow_gone why), void *ctx);

/* Call fn on every entry (in no particular order). */
void flow_each(struct flow_table *t, void (*fn)(void *ctx, struct flow *f), void *ctx);

size_t flow_table_count(const struct flow_table *t);

/* Bytes one entry takes: the entry and its share of the index, which is
 * kept at most 70% full (so about two slots). */
size_t flow_entry_bytes(void);

#endif
