/*
 * rd.h - the one bounds-checked reader for untrusted packet bytes.
 *
 * Every byte a decoder looks at comes through a `struct rd`: a window
 * [p, p+len) with a cursor.  Reading past the window never touches memory
 * outside it: the read returns 0 and sets the sticky `short_read` flag, so a
 * decoder can read a whole header and check the flag once.  Child windows
 * (rd_sub) are clamped to what is left, the way tcpdump narrows its snapshot
 * end to the length an IP header claims.
 *
 * Values that steer control flow (lengths, counts) must be checked with
 * rd_has() before use; values that are only shown may come back 0 with
 * short_read set.
 */
#ifndef TCPLENS_BASE_RD_H
#define TCPLENS_BASE_RD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct rd {
    const uint8_t *p; /* start of the window */
    uint32_t len;     /* bytes in the window */
    uint32_t off;     /* cursor, 0..len */
    uint32_t origin;  /* offset of p from the start of the frame */
    bool short_read;  /* a read ran past the window */
};

/* A read-only view of bytes that are known to be inside a window. */
struct bytes {
    const uint8_t *p;
    uint32_t len;
};

static inline struct rd rd_make(const uint8_t *p, uint32_t len)
{
    struct rd r = {p, len, 0, 0, false};
    return r;
}

static inline uint32_t rd_left(const struct rd *r) { return r->len - r->off; }

/* Offset of the cursor from the start of the frame. */
static inline uint32_t rd_pos(const struct rd *r) { return r->origin + r->off; }

static inline bool rd_has(const struct rd *r, uint32_t n) { return n <= rd_left(r); }

/* Byte at cursor+at without moving; 0 and short_read if outside. */
static inline uint8_t rd_peek(struct rd *r, uint32_t at)
{
    if (at >= rd_left(r)) {
        r->short_read = true;
        return 0;
    }
    return r->p[r->off + at];
}

static inline uint8_t rd_u8(struct rd *r)
{
    if (r->off >= r->len) {
        r->short_read = true;
        return 0;
    }
    return r->p[r->off++];
}

static inline uint16_t rd_be16(struct rd *r)
{
    if (!rd_has(r, 2)) {
        r->short_read = true;
        r->off = r->len;
        return 0;
    }
    const uint8_t *q = r->p + r->off;
    r->off += 2;
    return (uint16_t)(q[0] << 8 | q[1]);
}

static inline uint32_t rd_be24(struct rd *r)
{
    if (!rd_has(r, 3)) {
        r->short_read = true;
        r->off = r->len;
        return 0;
    }
    const uint8_t *q = r->p + r->off;
    r->off += 3;
    return (uint32_t)q[0] << 16 | (uint32_t)q[1] << 8 | q[2];
}

static inline uint32_t rd_be32(struct rd *r)
{
    if (!rd_has(r, 4)) {
        r->short_read = true;
        r->off = r->len;
        return 0;
    }
    const uint8_t *q = r->p + r->off;
    r->off += 4;
    return (uint32_t)q[0] << 24 | (uint32_t)q[1] << 16 | (uint32_t)q[2] << 8 | q[3];
}

static inline uint64_t rd_be64(struct rd *r)
{
    uint64_t hi = rd_be32(r);
    return hi << 32 | rd_be32(r);
}

/* Little-endian 32 bits (BSD loopback headers written by little-endian hosts). */
static inline uint32_t rd_le32(struct rd *r)
{
    uint32_t be = rd_be32(r);
    return (be >> 24) | ((be >> 8) & 0xff00u) | ((be << 8) & 0xff0000u) | (be << 24);
}

/* Copy n bytes out (addresses); zero-filled and short_read if not all there. */
static inline void rd_copy(struct rd *r, uint8_t *dst, uint32_t n)
{
    if (rd_has(r, n)) {
        memcpy(dst, r->p + r->off, n);
        r->off += n;
        return;
    }
    for (uint32_t i = 0; i < n; i++)
        dst[i] = rd_u8(r);
}

/* Advance by n; clamps at the end and sets short_read if n was too far. */
static inline void rd_skip(struct rd *r, uint32_t n)
{
    if (!rd_has(r, n)) {
        r->short_read = true;
        r->off = r->len;
        return;
    }
    r->off += n;
}

/* View of the next min(n, left) bytes; the cursor moves past them. */
static inline struct bytes rd_bytes(struct rd *r, uint32_t n)
{
    uint32_t k = rd_has(r, n) ? n : rd_left(r);
    struct bytes b = {r->p + r->off, k};
    if (k < n)
        r->short_read = true;
    r->off += k;
    return b;
}

/* Everything from the cursor to the end of the window, cursor unchanged. */
static inline struct bytes rd_rest(const struct rd *r)
{
    struct bytes b = {r->p + r->off, rd_left(r)};
    return b;
}

/*
 * Child window over the next n bytes, clamped to what is left.  The parent
 * cursor moves past them.  The child's short_read starts clear.
 */
static inline struct rd rd_sub(struct rd *r, uint32_t n)
{
    uint32_t k = rd_has(r, n) ? n : rd_left(r);
    struct rd c = {r->p + r->off, k, 0, r->origin + r->off, false};
    r->off += k;
    return c;
}

/* Window that covers the first n bytes of r's remaining data (cursor kept). */
static inline struct rd rd_clamp(const struct rd *r, uint32_t n)
{
    uint32_t k = n < rd_left(r) ? n : rd_left(r);
    struct rd c = {r->p + r->off, k, 0, r->origin + r->off, false};
    return c;
}

/* Byte i of a view; callers keep i < b.len (asserted by the loop bound). */
static inline uint8_t bytes_at(struct bytes b, uint32_t i) { return i < b.len ? b.p[i] : 0; }

#endif
