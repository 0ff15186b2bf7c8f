/*
 * unacked.h - the segments one direction of a connection has sent and the
 * other has not yet acknowledged, as Wireshark's SEQ/ACK analysis keeps
 * them: a list per direction, newest first, of (frame, seq, nextseq, time).
 *
 * All lists draw their entries from one pool, which grows in chunks and
 * reuses freed entries, so memory follows the segments in flight across
 * all connections, with no allocation per packet.  The pool has a size
 * limit; when it is reached a segment is simply not listed, as Wireshark
 * does when one direction has 10,000 unacknowledged segments.
 */
#ifndef TCPLENS_TRACK_UNACKED_H
#define TCPLENS_TRACK_UNACKED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct unacked {
    uint32_t seq, nextseq; /* sequence space [seq, nextseq) */
    uint32_t frame;
    uint32_t next;         /* the next older entry (index + 1); 0: none */
    int64_t ts;            /* capture time, ns */
};

/* One direction's list. */
struct unacked_list {
    uint32_t head;  /* newest entry (index + 1); 0: empty */
    uint32_t count;
};

struct unacked_pool;

/* A pool holding at most max_entries segments in all (0: no limit). */
struct unacked_pool *unacked_pool_new(size_t max_entries);
void unacked_pool_free(struct unacked_pool *p);

/* Entry number n (an index + 1 from a list or a `next` field). */
struct unacked *unacked_at(struct unacked_pool *p, uint32_t n);

/* Add a segment at the head of l; false if the pool is full. */
bool unacked_push(struct unacked_pool *p, struct unacked_list *l, uint32_t seq, uint32_t nextseq,
                  uint32_t frame, int64_t ts);

/* Remove entry n, whose predecessor in l is prev (0 when n is the head);
 * returns the entry that followed it. */
uint32_t unacked_remove(struct unacked_pool *p, struct unacked_list *l, uint32_t prev, uint32_t n);

/* Give every entry of l back to the pool. */
void unacked_clear(struct unacked_pool *p, struct unacked_list *l);

/* Entries in use in the whole pool. */
size_t unacked_in_use(const struct unacked_pool *p);

#endif
