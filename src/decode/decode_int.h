/*
 * decode_int.h - shared plumbing of the decoders (private to decode/).
 *
 * Each decoder gets a window over its header and the bytes after it (a
 * struct rd clamped to what was captured) and `length`, the length the
 * layer below claims for it, which may be more than was captured.
 */
#ifndef TCPLENS_DECODE_INT_H
#define TCPLENS_DECODE_INT_H

#include "decode/decode.h"

struct dctx {
    struct pkt *p;
    unsigned flags;
};

/* New layer on top of the stack, or NULL (and END_TOO_DEEP) when full. */
struct layer *decode_push(struct dctx *d, enum layer_kind kind, const struct rd *r);

/* Ethernet frame (outer, or inside VXLAN/Geneve). */
void decode_eth(struct dctx *d, struct rd r, uint32_t length);
void decode_sll(struct dctx *d, struct rd r, uint32_t length, bool v2);
void decode_null(struct dctx *d, struct rd r, uint32_t length, bool network_order);
/* IPv4 or IPv6 by the version nibble (raw IP links). */
void decode_ip_any(struct dctx *d, struct rd r, uint32_t length);
/* Payload of a given EtherType; returns false if the type is not decoded. */
bool decode_ethertype(struct dctx *d, uint16_t type, struct rd r, uint32_t length);

void decode_ipv4(struct dctx *d, struct rd r, uint32_t length);
void decode_ipv6(struct dctx *d, struct rd r, uint32_t length);
void decode_arp(struct dctx *d, struct rd r, uint32_t length);
void decode_llc(struct dctx *d, struct rd r, uint32_t length);

/* Transport after an IP header: `ip` is the index of that IP layer. */
void decode_ip_payload(struct dctx *d, uint8_t proto, struct rd r, uint32_t length, int ip,
                       bool fragmented);
void decode_tcp(struct dctx *d, struct rd r, uint32_t length, int ip, bool fragmented);
void decode_udp(struct dctx *d, struct rd r, uint32_t length, int ip, bool fragmented);

/* One's-complement sum of the pseudo-header of the IP layer at index ip. */
uint64_t decode_pseudo_sum(const struct pkt *p, int ip, uint8_t proto, uint32_t len);

/* Mark the end of decoding with undecoded bytes left. */
void decode_end(struct dctx *d, enum pkt_end why, struct rd r);

#endif
