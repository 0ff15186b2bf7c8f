/* sb.c - bounded output buffer: flushing, numbers, the printf fallback. */
#include "base/sb.h"

#include <math.h>

void sb_init(struct sb *b, char *buf, size_t cap, FILE *sink)
{
    b->buf = buf;
    b->len = 0;
    b->cap = cap;
    b->sink = sink;
    b->cut = false;
    b->failed = false;
}

void sb_flush(struct sb *b)
{
    if (!b->sink || b->len == 0)
        return;
    if (fwrite(b->buf, 1, b->len, b->sink) != b->len)
        b->failed = true;
    b->len = 0;
}

void sb_mem_spill(struct sb *b, const void *p, size_t n)
{
    const char *s = p;
    while (n > 0) {
        size_t room = b->cap - b->len;
        if (room == 0) {
            if (!b->sink) {
                b->cut = true;
                return;
            }
            sb_flush(b);
            room = b->cap;
        }
        size_t k = n < room ? n : room;
        memcpy(b->buf + b->len, s, k);
        b->len += k;
        s += k;
        n -= k;
    }
}

void sb_printf(struct sb *b, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    sb_mem(b, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

void sb_u32w(struct sb *b, uint32_t v, unsigned width) { sb_u64w(b, v, width); }

/* Two digits per division: numbers are most of what the printers write. */
void sb_u64w(struct sb *b, uint64_t v, unsigned width)
{
    static const char pairs[] =
    "0001020304050607080910111213141516171819"
    "2021222324252627282930313233343536373839"
    "4041424344454647484950515253545556575859"
    "6061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";
    char tmp[24];
    unsigned i = sizeof tmp;
    while (v >= 100) {
        unsigned r = (unsigned)(v % 100);
        v /= 100;
        i -= 2;
        memcpy(tmp + i, pairs + 2 * r, 2);
    }
    if (v >= 10) {
        i -= 2;
        memcpy(tmp + i, pairs + 2 * v, 2);
    } else {
        tmp[--i] = (char)('0' + v);
    }
    while (sizeof tmp - i < width && i > 0)
        tmp[--i] = '0';
    sb_mem(b, tmp + i, sizeof tmp - i);
}

/* printf rounds the exact binary value to the nearest decimal; scaling by a
 * power of ten and rounding gives the same digits unless the scaled value
 * lies within its own rounding error of a tie (x.5), or is too large to be
 * exact: those rare cases, and negatives, NaN and infinity, go to printf. */
void sb_fixed(struct sb *b, double v, unsigned decimals, unsigned width)
{
    static const double pow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
    char tmp[40];
    int len = -1;
    if (decimals <= 9 && v >= 0 && v * pow10[decimals] < 0x1p52) {
        double scaled = v * pow10[decimals];
        double whole = floor(scaled), frac = scaled - whole;
        if (fabs(frac - 0.5) > scaled * 0x1p-50 + 0x1p-40) {
            uint64_t n = (uint64_t)whole + (frac > 0.5), unit = (uint64_t)pow10[decimals];
            struct sb t;
            sb_init(&t, tmp, sizeof tmp, NULL);
            sb_u64(&t, n / unit);
            if (decimals) {
                sb_ch(&t, '.');
                sb_u64w(&t, n % unit, decimals);
            }
            len = (int)t.len;
        }
    }
    if (len < 0) {
        sb_printf(b, "%*.*f", (int)width, (int)decimals, v);
        return;
    }
    for (unsigned i = (unsigned)len; i < width; i++)
        sb_ch(b, ' ');
    sb_mem(b, tmp, (size_t)len);
}

void sb_hex(struct sb *b, uint64_t v, unsigned width)
{
    static const char digits[] = "0123456789abcdef";
    char tmp[24];
    unsigned i = sizeof tmp;
    do {
        tmp[--i] = digits[v & 15];
        v >>= 4;
    } while (v);
    while (sizeof tmp - i < width && i > 0)
        tmp[--i] = '0';
    sb_mem(b, tmp + i, sizeof tmp - i);
}

const char *sb_str(struct sb *b)
{
    if (b->len == b->cap) {
        b->cut = true;
        b->len--;
    }
    b->buf[b->len] = '\0';
    return b->buf;
}
