/*
 * sb.h - the bounded output buffer every printer writes through.
 *
 * Printers append text with these helpers instead of printf: no format
 * parsing per field, no allocation, one write(2)-sized flush.  A buffer has
 * a fixed capacity; when an append would not fit, the buffer is flushed to
 * its sink first, so arbitrarily long output (a -X dump of a 256 KiB frame)
 * streams through a small buffer.  A buffer without a sink (sink == NULL)
 * is a plain bounded string: appends that do not fit are cut and `cut` is
 * set.
 */
#ifndef TCPLENS_BASE_SB_H
#define TCPLENS_BASE_SB_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct sb {
    char *buf;
    size_t len;
    size_t cap;
    FILE *sink;    /* where full buffers go; NULL for a bounded string */
    bool cut;      /* a bounded string lost bytes */
    bool failed;   /* a write to the sink failed */
};

void sb_init(struct sb *b, char *buf, size_t cap, FILE *sink);
void sb_flush(struct sb *b);
/* sb_mem's path when the bytes do not fit: flush, or cut. */
void sb_mem_spill(struct sb *b, const void *p, size_t n);
void sb_printf(struct sb *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Zero-padded decimal of at least `width` digits. */
void sb_u64w(struct sb *b, uint64_t v, unsigned width);
void sb_u32w(struct sb *b, uint32_t v, unsigned width);
/* A non-negative number with `decimals` (0..9) digits after the point,
 * exactly as printf("%.*f") writes it, without printf's cost on the
 * common path; right-aligned in `width` columns (0: no padding). */
void sb_fixed(struct sb *b, double v, unsigned decimals, unsigned width);
/* Lower-case hex, zero-padded to at least `width` digits. */
void sb_hex(struct sb *b, uint64_t v, unsigned width);

/* The bytes written so far as a C string (bounded strings only). */
const char *sb_str(struct sb *b);

static inline void sb_mem(struct sb *b, const void *p, size_t n)
{
    if (n <= b->cap - b->len) {
        memcpy(b->buf + b->len, p, n);
        b->len += n;
    } else {
        sb_mem_spill(b, p, n);
    }
}

static inline void sb_ch(struct sb *b, char c)
{
    if (b->len < b->cap)
        b->buf[b->len++] = c;
    else
        sb_mem_spill(b, &c, 1);
}

static inline void sb_s(struct sb *b, const char *s) { sb_mem(b, s, strlen(s)); }

static inline void sb_u64(struct sb *b, uint64_t v) { sb_u64w(b, v, 0); }
static inline void sb_u32(struct sb *b, uint32_t v) { sb_u64w(b, v, 0); }

/* A label and a decimal: sb_label_u32(b, " val ", 5) appends " val 5". */
static inline void sb_label_u32(struct sb *b, const char *label, uint32_t v)
{
    sb_s(b, label);
    sb_u64w(b, v, 0);
}

#endif
