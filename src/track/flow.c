/*
 * flow.c - symmetric conversation table.
 *
 * Index: open addressing over a power-of-two array of entry numbers
 * (linear probing, at most 70% full, backward-shift deletion so no
 * tombstones accumulate).  Entries: chunks of FLOW_CHUNK that never move,
 * with freed entries reused first.  Two doubly linked lists (open, closed)
 * keep entries in order of last use, oldest at the tail, so expiry only
 * ever looks at tails.
 */
#include "track/flow.h"

#include <stdlib.h>
#include <string.h>

#define FLOW_CHUNK 1024u
#define MAX_CHUNKS 65536u

struct lru {
    uint32_t head, tail; /* entry number + 1; 0: empty */
};

/* An index slot keeps the key's hash beside the entry, so that a probe
 * touches an entry only when the hash matches. */
struct slot {
    uint32_t hash;
    uint32_t n; /* entry number + 1; 0 = empty */
};

struct flow_table {
    struct slot *index;    /* open addressing over the entries */
    size_t slots;          /* power of two */
    struct flow **chunks;  /* MAX_CHUNKS pointers, filled as needed */
    uint32_t allocated;    /* entries handed out from chunks so far */
    uint32_t free_head;    /* freed entries, linked through `next` */
    size_t count;          /* entries in use */
    size_t nclosed;        /* of those, on the closed list */
    struct lru open, closed;
};

static struct flow *entry(const struct flow_table *t, uint32_t n)
{
    return &t->chunks[n / FLOW_CHUNK][n % FLOW_CHUNK];
}

struct flow_table *flow_table_new(void)
{
    struct flow_table *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->slots = 1024;
    t->index = calloc(t->slots, sizeof *t->index);
    t->chunks = calloc(MAX_CHUNKS, sizeof *t->chunks);
    if (!t->index || !t->chunks) {
        flow_table_free(t);
        return NULL;
    }
    return t;
}

void flow_table_free(struct flow_table *t)
{
    if (!t)
        return;
    if (t->chunks)
        for (size_t i = 0; i < MAX_CHUNKS && t->chunks[i]; i++)
            free(t->chunks[i]);
    free(t->chunks);
    free(t->index);
    free(t);
}

size_t flow_table_count(const struct flow_table *t) { return t->count; }

static int endpoint_cmp(const struct addr *a, uint16_t pa, const struct addr *b, uint16_t pb)
{
    if (pa != pb)
        return pa < pb ? -1 : 1;
    return addr_cmp(a, b);
}

void flow_key_make(struct flow_key *k, const struct addr *src, uint16_t sport,
                   const struct addr *dst, uint16_t dport, bool *rev)
{
    *rev = endpoint_cmp(src, sport, dst, dport) > 0;
    const struct addr *lo = *rev ? dst : src, *hi = *rev ? src : dst;
    memset(k, 0, sizeof *k);
    k->addr[0].family = lo->family;
    k->addr[1].family = hi->family;
    memcpy(k->addr[0].b, lo->b, addr_len(lo));
    memcpy(k->addr[1].b, hi->b, addr_len(hi));
    k->port[0] = *rev ? dport : sport;
    k->port[1] = *rev ? sport : dport;
}

/* The key eight bytes at a time (the tail zero-padded), each word mixed in
 * with a multiply, then folded so the low bits depend on all of it. */
static uint32_t key_hash(const struct flow_key *k)
{
    const uint8_t *p = (const uint8_t *)k;
    uint64_t h = 0x9e3779b97f4a7c15u;
    for (size_t i = 0; i < sizeof *k; i += 8) {
        uint64_t w = 0;
        memcpy(&w, p + i, sizeof *k - i < 8 ? sizeof *k - i : 8);
        h = (h ^ w) * 0xbf58476d1ce4e5b9u;
        h ^= h >> 31;
    }
    h ^= h >> 29;
    h *= 0x94d049bb133111ebu;
    h ^= h >> 32;
    return (uint32_t)h;
}

static bool key_eq(const struct flow_key *a, const struct flow_key *b)
{
    return memcmp(a, b, sizeof *a) == 0;
}

/* ---- lists ---------------------------------------------------------------- */

static struct lru *list_of(struct flow_table *t, const struct flow *f)
{
    return f->closed ? &t->closed : &t->open;
}

static void unlink_entry(struct flow_table *t, struct flow *f)
{
    struct lru *l = list_of(t, f);
    if (f->prev)
        entry(t, f->prev - 1)->next = f->next;
    else
        l->head = f->next;
    if (f->next)
        entry(t, f->next - 1)->prev = f->prev;
    else
        l->tail = f->prev;
    f->prev = f->next = 0;
}

static void push_head(struct flow_table *t, struct flow *f, uint32_t n)
{
    struct lru *l = list_of(t, f);
    f->prev = 0;
    f->next = l->head;
    if (l->head)
        entry(t, l->head - 1)->prev = n + 1;
    else
        l->tail = n + 1;
    l->head = n + 1;
}

void flow_touch(struct flow_table *t, struct flow *f, int64_t now)
{
    f->last_seen = now;
    if (list_of(t, f)->head == f->id + 1)
        return;
    unlink_entry(t, f);
    push_head(t, f, f->id);
}

/* Move f to the head of the open or the closed list. */
static void move_to(struct flow_table *t, struct flow *f, bool closed)
{
    if (f->closed == closed)
        return;
    unlink_entry(t, f);
    f->closed = closed;
    if (closed)
        t->nclosed++;
    else
        t->nclosed--;
    push_head(t, f, f->id);
}

void flow_close(struct flow_table *t, struct flow *f) { move_to(t, f, true); }

void flow_reopen(struct flow_table *t, struct flow *f) { move_to(t, f, false); }

/* ---- index ---------------------------------------------------------------- */

static bool grow(struct flow_table *t)
{
    size_t slots = t->slots * 2;
    struct slot *index = calloc(slots, sizeof *index);
    if (!index)
        return false;
    for (size_t i = 0; i < t->slots; i++) {
        if (!t->index[i].n)
            continue;
        size_t j = t->index[i].hash & (slots - 1);
        while (index[j].n)
            j = (j + 1) & (slots - 1);
        index[j] = t->index[i];
    }
    free(t->index);
    t->index = index;
    t->slots = slots;
    return true;
}

/* Remove entry n from the index, shifting later members of its probe run
 * back so that lookups never stop at a hole they should pass. */
static void index_remove(struct flow_table *t, uint32_t n)
{
    size_t mask = t->slots - 1;
    size_t j = entry(t, n)->hash & mask;
    while (t->index[j].n != n + 1)
        j = (j + 1) & mask;
    t->index[j].n = 0;
    for (size_t k = (j + 1) & mask; t->index[k].n; k = (k + 1) & mask) {
        size_t home = t->index[k].hash & mask;
        /* the entry at k may move to the hole at j unless its home lies in (j, k] */
        bool stays = j <= k ? (home > j && home <= k) : (home > j || home <= k);
        if (!stays) {
            t->index[j] = t->index[k];
            t->index[k].n = 0;
            j = k;
        }
    }
}

static struct flow *new_entry(struct flow_table *t, uint32_t *number)
{
    uint32_t n;
    if (t->free_head) {
        n = t->free_head - 1;
        t->free_head = entry(t, n)->next;
    } else {
        n = t->allocated;
        if (n / FLOW_CHUNK >= MAX_CHUNKS)
            return NULL;
        if (!t->chunks[n / FLOW_CHUNK]) {
            t->chunks[n / FLOW_CHUNK] = calloc(FLOW_CHUNK, sizeof(struct flow));
            if (!t->chunks[n / FLOW_CHUNK])
                return NULL;
        }
        t->allocated++;
    }
    t->count++;
    struct flow *f = entry(t, n);
    memset(f, 0, sizeof *f);
    f->id = n;
    *number = n;
    return f;
}

size_t flow_entry_bytes(void) { return sizeof(struct flow) + 2 * sizeof(struct slot); }

struct flow *flow_lookup(struct flow_table *t, const struct flow_key *k, bool create)
{
    uint32_t h = key_hash(k);
    size_t j = h & (t->slots - 1);
    for (; t->index[j].n; j = (j + 1) & (t->slots - 1)) {
        if (t->index[j].hash != h)
            continue;
        struct flow *f = entry(t, t->index[j].n - 1);
        if (key_eq(&f->key, k))
            return f;
    }
    if (!create)
        return NULL;
    if ((t->count + 1) * 10 > t->slots * 7) {
        if (!grow(t))
            return NULL;
        j = h & (t->slots - 1);
        while (t->index[j].n)
            j = (j + 1) & (t->slots - 1);
    }
    uint32_t n;
    struct flow *f = new_entry(t, &n);
    if (!f)
        return NULL;
    f->key = *k;
    f->hash = h;
    t->index[j] = (struct slot){h, n + 1};
    push_head(t, f, n);
    return f;
}

static void drop(struct flow_table *t, uint32_t n)
{
    struct flow *f = entry(t, n);
    unlink_entry(t, f);
    index_remove(t, n);
    if (f->closed)
        t->nclosed--;
    f->next = t->free_head;
    t->free_head = n + 1;
    t->count--;
}

size_t flow_expire(struct flow_table *t, int64_t now, const struct flow_expiry *policy,
                   void (*gone)(void *ctx, struct flow *f, enum flow_gone why), void *ctx)
{
    size_t dropped = 0;
    for (;;) {
        uint32_t n;
        enum flow_gone why;
        if (t->closed.tail && (now - entry(t, t->closed.tail - 1)->last_seen > policy->idle_closed ||
                               t->nclosed > policy->max_closed))
            n = t->closed.tail - 1, why = FLOW_CLOSED_QUIET;
        else if (t->open.tail && policy->idle_open &&
                 now - entry(t, t->open.tail - 1)->last_seen > policy->idle_open)
            n = t->open.tail - 1, why = FLOW_OPEN_IDLE;
        else if (t->count > policy->max_entries)
            n = (t->closed.tail ? t->closed.tail : t->open.tail) - 1, why = FLOW_OVER_CAP;
        else
            return dropped;
        if (gone)
            gone(ctx, entry(t, n), why);
        drop(t, n);
        dropped++;
    }
}

void flow_each(struct flow_table *t, void (*fn)(void *ctx, struct flow *f), void *ctx)
{
    for (const struct lru *l = &t->open;; l = &t->closed) {
        for (uint32_t n = l->head; n;) {
            struct flow *f = entry(t, n - 1);
            n = f->next;
            fn(ctx, f);
        }
        if (l == &t->closed)
            return;
    }
}
