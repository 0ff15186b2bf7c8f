/*
 * timewait.c - TIME_WAIT remembered for forgotten connections (see
 * timewait.h): a power-of-two array of slots, each key with two candidate
 * slots from two halves of its hash.
 */
#include "track/timewait.h"

#include <stdlib.h>
#include <string.h>

struct tw_slot {
    struct flow_key key;
    nstime until; /* 0: empty */
};

struct timewait {
    struct tw_slot *slot;
    size_t mask;
};

struct timewait *timewait_new(size_t slots)
{
    size_t n = 2;
    while (n < slots)
        n *= 2;
    struct timewait *tw = calloc(1, sizeof *tw);
    if (tw && !(tw->slot = calloc(n, sizeof *tw->slot))) {
        free(tw);
        return NULL;
    }
    if (tw)
        tw->mask = n - 1;
    return tw;
}

void timewait_free(struct timewait *tw)
{
    if (!tw)
        return;
    free(tw->slot);
    free(tw);
}

static struct tw_slot *place(struct timewait *tw, uint32_t hash, int which)
{
    uint32_t h = which ? (hash >> 16 | hash << 16) * 0x9e3779b1u : hash;
    return &tw->slot[h & tw->mask];
}

void timewait_add(struct timewait *tw, const struct flow_key *k, uint32_t hash, nstime until)
{
    struct tw_slot *a = place(tw, hash, 0), *b = place(tw, hash, 1);
    struct tw_slot *to = a->until <= b->until ? a : b; /* empty (0) or the sooner expiry */
    if (b->until && memcmp(&b->key, k, sizeof *k) == 0)
        to = b;
    else if (a->until && memcmp(&a->key, k, sizeof *k) == 0)
        to = a;
    to->key = *k;
    to->until = until;
}

bool timewait_take(struct timewait *tw, const struct flow_key *k, uint32_t hash, nstime now)
{
    for (int which = 0; which < 2; which++) {
        struct tw_slot *s = place(tw, hash, which);
        if (s->until && memcmp(&s->key, k, sizeof *k) == 0) {
            bool held = now < s->until;
            s->until = 0;
            return held;
        }
    }
    return false;
}
