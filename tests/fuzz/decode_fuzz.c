/*
 * decode_fuzz.c - libFuzzer entry: arbitrary bytes as a frame of every link
 * type, through decode, track and the line printer with several option
 * sets.  Built only with `meson setup -Dfuzz=true` and clang; see
 * tests/README.md.  The first input byte picks the link type and options,
 * the rest is the frame.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/sb.h"
#include "decode/decode.h"
#include "report/line.h"
#include "track/track.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const int links[] = {LINKTYPE_ETHERNET, LINKTYPE_RAW,        LINKTYPE_LINUX_SLL,
                                LINKTYPE_LINUX_SLL2, LINKTYPE_NULL,     LINKTYPE_IPV6};
    static struct pkt pkt;
    static char buf[1 << 16];
    if (size < 1 || size > 65536)
        return 0;
    uint8_t sel = data[0];
    struct frame f = {1700000000, 0, (uint32_t)size - 1, (uint32_t)size - 1 + (sel >> 7) * 100,
                      links[(sel & 7) % 6], 1, data + 1};
    struct line_config cfg = {.time = TIME_NONE,
                              .verbose = (sel >> 3) & 3,
                              .link = (sel >> 5) & 1,
                              .hex_ascii = (sel >> 6) & 1};
    struct track_config tc = {.quiet = false};
    struct tracker *t = track_new(&tc, NULL, NULL);
    struct sb out;
    sb_init(&out, buf, sizeof buf, NULL);
    struct line_printer *lp = line_new(&cfg, &out);
    struct seg_view v;
    decode_frame(&f, DECODE_CKSUM, &pkt);
    track_packet(t, &pkt, &v);
    line_frame(lp, &f, &pkt, &v);
    line_free(lp);
    track_free(t);
    return 0;
}
