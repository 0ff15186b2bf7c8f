/*
 * hexdump.h - tcpdump's raw-byte dumps: -x (hex), -X (hex and ASCII),
 * -A (ASCII), 16 bytes per line after an offset.
 */
#ifndef TCPLENS_REPORT_HEXDUMP_H
#define TCPLENS_REPORT_HEXDUMP_H

#include "base/rd.h"
#include "base/sb.h"

void hexdump_hex(struct sb *o, const char *indent, struct bytes b);
void hexdump_hex_ascii(struct sb *o, const char *indent, struct bytes b);
void hexdump_ascii(struct sb *o, struct bytes b);

#endif
