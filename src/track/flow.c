/*
 * flow.c - symmetric conversation table: open addressing over a power-of-two
 * index array (linear probing, kept at most 70% full), entries in chunks of
 * FLOW_CHUNK so that growing the index never moves an entry.
 */
#include "track/flow.h"

#include <stdlib.h>
#include <string.h>

#define FLOW_CHUNK 1024u
#define MAX_CHUNKS 65536u

struct flow_table {
    uint32_t *index;       /* slot -> entry number + 1; 0 = empty */
    size_t slots;          /* power of two */
    struct flow **chunks;  /* MAX_CHUNKS pointers, filled as needed */
    size_t count;          /* entries in use */
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

/* FNV-1a over the key bytes, then a final mix for the low bits. */
static uint32_t key_hash(const struct flow_key *k)
{
    const uint8_t *p = (const uint8_t *)k;
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < sizeof *k; i++)
        h = (h ^ p[i]) * 16777619u;
    h ^= h >> 16;
    h *= 0x7feb352du;
    h ^= h >> 15;
    return h;
}

static bool key_eq(const struct flow_key *a, const struct flow_key *b)
{
    return memcmp(a, b, sizeof *a) == 0;
}

static bool grow(struct flow_table *t)
{
    size_t slots = t->slots * 2;
    uint32_t *index = calloc(slots, sizeof *index);
    if (!index)
        return false;
    for (size_t i = 0; i < t->slots; i++) {
        uint32_t n = t->index[i];
        if (!n)
            continue;
        size_t j = entry(t, n - 1)->hash & (slots - 1);
        while (index[j])
            j = (j + 1) & (slots - 1);
        index[j] = n;
    }
    free(t->index);
    t->index = index;
    t->slots = slots;
    return true;
}

static struct flow *new_entry(struct flow_table *t)
{
    size_t n = t->count;
    if (n / FLOW_CHUNK >= MAX_CHUNKS)
        return NULL;
    if (!t->chunks[n / FLOW_CHUNK]) {
        t->chunks[n / FLOW_CHUNK] = calloc(FLOW_CHUNK, sizeof(struct flow));
        if (!t->chunks[n / FLOW_CHUNK])
            return NULL;
    }
    t->count++;
    struct flow *f = entry(t, (uint32_t)n);
    memset(f, 0, sizeof *f);
    return f;
}

struct flow *flow_lookup(struct flow_table *t, const struct flow_key *k, bool create)
{
    uint32_t h = key_hash(k);
    size_t j = h & (t->slots - 1);
    for (; t->index[j]; j = (j + 1) & (t->slots - 1)) {
        struct flow *f = entry(t, t->index[j] - 1);
        if (f->hash == h && key_eq(&f->key, k))
            return f;
    }
    if (!create)
        return NULL;
    if ((t->count + 1) * 10 > t->slots * 7) {
        if (!grow(t))
            return NULL;
        j = h & (t->slots - 1);
        while (t->index[j])
            j = (j + 1) & (t->slots - 1);
    }
    struct flow *f = new_entry(t);
    if (!f)
        return NULL;
    f->key = *k;
    f->hash = h;
    t->index[j] = (uint32_t)t->count;
    return f;
}
