/* addr.c - address formatting (numeric only, no name service). */
#include "base/addr.h"

static void format_v4(struct sb *out, const uint8_t *b)
{
    for (int i = 0; i < 4; i++) {
        if (i)
            sb_ch(out, '.');
        sb_u32(out, b[i]);
    }
}

/* Longest run (at least two words) of zero 16-bit words: start, or -1. */
static int longest_zero_run(const uint16_t w[8], int *run_len)
{
    int best = -1, best_len = 0, cur = -1, cur_len = 0;
    for (int i = 0; i <= 8; i++) {
        if (i < 8 && w[i] == 0) {
            if (cur < 0)
                cur = i, cur_len = 0;
            cur_len++;
            continue;
        }
        if (cur >= 0 && cur_len > best_len)
            best = cur, best_len = cur_len;
        cur = -1;
    }
    if (best_len < 2)
        best = -1;
    *run_len = best_len;
    return best;
}

static void format_v6(struct sb *out, const uint8_t *b)
{
    uint16_t w[8];
    for (int i = 0; i < 8; i++)
        w[i] = (uint16_t)(b[2 * i] << 8 | b[2 * i + 1]);
    int run_len;
    int run = longest_zero_run(w, &run_len);
    for (int i = 0; i < 8; i++) {
        if (run >= 0 && i >= run && i < run + run_len) {
            if (i == run)
                sb_ch(out, ':');
            continue;
        }
        if (i != 0)
            sb_ch(out, ':');
        if (i == 6 && run == 0 && (run_len == 6 || (run_len == 5 && w[5] == 0xffff))) {
            format_v4(out, b + 12);
            return;
        }
        sb_hex(out, w[i], 0);
    }
    if (run >= 0 && run + run_len == 8)
        sb_ch(out, ':');
}

void addr_format(struct sb *out, const struct addr *a)
{
    if (a->family == 4)
        format_v4(out, a->b);
    else
        format_v6(out, a->b);
}

const char *addr_str(const struct addr *a, char buf[ADDR_STRLEN])
{
    struct sb s;
    sb_init(&s, buf, ADDR_STRLEN, NULL);
    addr_format(&s, a);
    return sb_str(&s);
}

void addr_port_format(struct sb *out, const struct addr *a, uint16_t port)
{
    if (a->family == 6)
        sb_ch(out, '[');
    if (a->family)
        addr_format(out, a);
    if (a->family == 6)
        sb_ch(out, ']');
    sb_ch(out, ':');
    sb_u32(out, port);
}
