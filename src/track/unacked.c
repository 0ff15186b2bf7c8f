/*
 * unacked.c - the shared pool of unacknowledged-segment entries: chunks of
 * fixed size allocated as the pool grows, a free list threaded through
 * the `next` fields of unused entries.
 */
#include "track/unacked.h"

#include <stdlib.h>

#define CHUNK_SHIFT 12 /* 4,096 entries (96 KB) per chunk */
#define CHUNK_SIZE (1u << CHUNK_SHIFT)

struct unacked_pool {
    struct unacked **chunks;
    size_t nchunks, cap_chunks;
    size_t max_entries; /* 0: no limit */
    uint32_t free_head; /* index + 1 */
    size_t in_use;
};

struct unacked_pool *unacked_pool_new(size_t max_entries)
{
    struct unacked_pool *p = calloc(1, sizeof *p);
    if (p)
        p->max_entries = max_entries;
    return p;
}

void unacked_pool_free(struct unacked_pool *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->nchunks; i++)
        free(p->chunks[i]);
    free(p->chunks);
    free(p);
}

struct unacked *unacked_at(struct unacked_pool *p, uint32_t n)
{
    uint32_t i = n - 1;
    return &p->chunks[i >> CHUNK_SHIFT][i & (CHUNK_SIZE - 1)];
}

/* A new chunk, its entries threaded onto the free list. */
static bool grow(struct unacked_pool *p)
{
    if ((p->nchunks + 1) * CHUNK_SIZE > UINT32_MAX)
        return false;
    if (p->nchunks == p->cap_chunks) {
        size_t cap = p->cap_chunks ? p->cap_chunks * 2 : 16;
        struct unacked **c = realloc(p->chunks, cap * sizeof *c);
        if (!c)
            return false;
        p->chunks = c;
        p->cap_chunks = cap;
    }
    struct unacked *chunk = malloc(CHUNK_SIZE * sizeof *chunk);
    if (!chunk)
        return false;
    p->chunks[p->nchunks] = chunk;
    uint32_t base = (uint32_t)(p->nchunks * CHUNK_SIZE);
    p->nchunks++;
    for (uint32_t i = CHUNK_SIZE; i-- > 0;) {
        chunk[i].next = p->free_head;
        p->free_head = base + i + 1;
    }
    return true;
}

bool unacked_push(struct unacked_pool *p, struct unacked_list *l, uint32_t seq, uint32_t nextseq,
                  uint32_t frame, int64_t ts)
{
    if (p->max_entries && p->in_use >= p->max_entries)
        return false;
    if (!p->free_head && !grow(p))
        return false;
    uint32_t n = p->free_head;
    struct unacked *u = unacked_at(p, n);
    p->free_head = u->next;
    *u = (struct unacked){seq, nextseq, frame, l->head, ts};
    l->head = n;
    l->count++;
    p->in_use++;
    return true;
}

uint32_t unacked_remove(struct unacked_pool *p, struct unacked_list *l, uint32_t prev, uint32_t n)
{
    struct unacked *u = unacked_at(p, n);
    uint32_t next = u->next;
    if (prev)
        unacked_at(p, prev)->next = next;
    else
        l->head = next;
    u->next = p->free_head;
    p->free_head = n;
    l->count--;
    p->in_use--;
    return next;
}

void unacked_clear(struct unacked_pool *p, struct unacked_list *l)
{
    while (l->head)
        unacked_remove(p, l, 0, l->head);
}

size_t unacked_in_use(const struct unacked_pool *p) { return p->in_use; }
