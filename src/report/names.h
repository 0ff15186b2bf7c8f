/*
 * names.h - the protocol name tables the printers share (tcpdump's spelling).
 */
#ifndef TCPLENS_REPORT_NAMES_H
#define TCPLENS_REPORT_NAMES_H

#include <stdint.h>

/* "IPv4", "802.1Q", ...; NULL when tcpdump has no name for the type. */
const char *ethertype_name(uint16_t type);
/* "TCP", "UDP", "Options", ...; NULL when unnamed. */
const char *ipproto_name(uint8_t proto);
/* Name of a TCP option kind ("mss", "TS", "unknown-N" is left to the caller). */
const char *tcp_option_name(uint8_t kind);
/* BSD loopback family ("IPv4", "IPv6", ...); NULL when unnamed. */
const char *bsd_af_name(uint32_t family);
/* ARP hardware type ("Ethernet", ...); NULL when unnamed. */
const char *arp_hrd_name(uint16_t hrd);

#endif
