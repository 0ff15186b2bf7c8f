/*
 * ipv6.h - reading the options of an IPv6 hop-by-hop or destination header
 * one at a time, for the decoder and for printers alike (a header may hold
 * up to 2046 of them, so they are walked, not stored).
 */
#ifndef TCPLENS_DECODE_IPV6_H
#define TCPLENS_DECODE_IPV6_H

#include <stdbool.h>
#include <stdint.h>

#include "decode/pkt.h"

struct ip6_opt_iter {
    struct bytes opts;    /* the option bytes of one header */
    uint32_t pos;
    bool hbh;             /* hop-by-hop (jumbo payloads are valid only there) */
    uint16_t payload_len; /* the IPv6 payload length (0 with a jumbo payload) */
    bool seen_jumbo;
};

struct ip6_opt_iter ip6_opt_iter_make(const struct ip6_ext *x, uint16_t payload_len);

/* The next option, or false at the end.  An option whose verdict is not
 * O6_OK is the last one returned: the walk fails there. */
bool ip6_opt_next(struct ip6_opt_iter *it, struct ip6_opt *out);

#endif
