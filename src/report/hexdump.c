/*
 * hexdump.c - byte dumps in tcpdump's layout:
 *   -x   "\n\t0x0010:  4500 003c ..." (8 groups of 2 bytes per line)
 *   -X   the same groups padded to 40 columns, two spaces, then the bytes
 *        as ASCII with '.' for anything not graphic
 *   -A   the bytes as text, '.' for unprintables, CRs dropped before LF
 */
#include "report/hexdump.h"

#define BYTES_PER_LINE 16

static bool is_graph(uint8_t c) { return c > 0x20 && c < 0x7f; }

static void offset_label(struct sb *o, const char *indent, uint32_t off)
{
    sb_s(o, indent);
    sb_s(o, "0x");
    sb_hex(o, off, 4);
    sb_s(o, ": ");
}

void hexdump_hex(struct sb *o, const char *indent, struct bytes b)
{
    for (uint32_t i = 0; i < b.len; i++) {
        if (i % BYTES_PER_LINE == 0)
            offset_label(o, indent, i);
        if (i % 2 == 0)
            sb_ch(o, ' ');
        sb_hex(o, b.p[i], 2);
    }
}

void hexdump_hex_ascii(struct sb *o, const char *indent, struct bytes b)
{
    for (uint32_t line = 0; line < b.len; line += BYTES_PER_LINE) {
        uint32_t n = b.len - line < BYTES_PER_LINE ? b.len - line : BYTES_PER_LINE;
        offset_label(o, indent, line);
        unsigned width = 0;
        for (uint32_t i = 0; i < n; i++) {
            if (i % 2 == 0) {
                sb_ch(o, ' ');
                width++;
            }
            sb_hex(o, b.p[line + i], 2);
            width += 2;
        }
        for (; width < 40; width++)
            sb_ch(o, ' ');
        sb_s(o, "  ");
        for (uint32_t i = 0; i < n; i++)
            sb_ch(o, is_graph(b.p[line + i]) ? (char)b.p[line + i] : '.');
    }
}

void hexdump_ascii(struct sb *o, struct bytes b)
{
    sb_ch(o, '\n');
    for (uint32_t i = 0; i < b.len; i++) {
        uint8_t c = b.p[i];
        uint32_t left = b.len - i - 1;
        if (c == '\r') {
            if (left > 1 && b.p[i + 1] != '\n')
                sb_ch(o, '.');
        } else if (!is_graph(c) && c != '\t' && c != ' ' && c != '\n') {
            sb_ch(o, '.');
        } else {
            sb_ch(o, (char)c);
        }
    }
}
