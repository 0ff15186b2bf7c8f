/*
 * test_frames.h - frames shared by the decoder and printer unit tests,
 * each byte commented.  (Test-only; not part of the library.)
 */
#ifndef TCPLENS_DECODE_TEST_FRAMES_H
#define TCPLENS_DECODE_TEST_FRAMES_H

#include <stdint.h>

#include "source/frame.h"

/* tcpdump's print-flags.pcap frame 1, without its Ethernet header:
 * 127.0.0.1.55920 > 127.0.0.1.80: Flags [S], cksum 0x1421 (correct),
 * seq 928549246, win 32767, options [mss 16396,sackOK,TS val 1306300950
 * ecr 0,nop,wscale 2], length 0 */
static const uint8_t syn_frame[] = {
    0x45, 0x00, 0x00, 0x3c,             /* IPv4, IHL 5, tos 0, total length 60 */
    0x1b, 0x68, 0x40, 0x00,             /* id 7016, DF, offset 0 */
    0x40, 0x06, 0x21, 0x52,             /* ttl 64, proto TCP, header checksum */
    0x7f, 0x00, 0x00, 0x01,             /* src 127.0.0.1 */
    0x7f, 0x00, 0x00, 0x01,             /* dst 127.0.0.1 */
    0xda, 0x70, 0x00, 0x50,             /* sport 55920, dport 80 */
    0x37, 0x58, 0x89, 0x7e,             /* seq 928549246 */
    0x00, 0x00, 0x00, 0x00,             /* ack 0 */
    0xa0, 0x02, 0x7f, 0xff,             /* doff 10 (40 bytes), SYN, win 32767 */
    0x14, 0x21, 0x00, 0x00,             /* checksum 0x1421, urgent 0 */
    0x02, 0x04, 0x40, 0x0c,             /* mss 16396 */
    0x04, 0x02,                         /* sackOK */
    0x08, 0x0a, 0x4d, 0xdc, 0x92, 0x16, /* TS val 1306300950 ... */
    0x00, 0x00, 0x00, 0x00,             /* ... ecr 0 */
    0x01,                               /* nop */
    0x03, 0x03, 0x02,                   /* wscale 2 */
};

/* A raw-IP frame of the first caplen bytes of data (wire length wirelen). */
static inline struct frame test_frame(const uint8_t *data, uint32_t caplen, uint32_t wirelen)
{
    struct frame f = {0, 0, caplen, wirelen, LINKTYPE_RAW, 1, data};
    return f;
}

#endif
