/*
 * ws_names.h - how Wireshark names its TCP analysis flags: the field name
 * after "tcp.analysis.", the Info-column tag and the expert-info text and
 * severity, in the order Wireshark's printer visits them.
 */
#ifndef TCPLENS_REPORT_WS_NAMES_H
#define TCPLENS_REPORT_WS_NAMES_H

#include <stddef.h>
#include <stdint.h>

struct ws_flag_name {
    uint16_t flag;        /* enum ws_flag */
    const char *field;    /* "fast_retransmission" */
    const char *info;     /* "[TCP Fast Retransmission]"; NULL for duplicate ACK (numbered) */
    const char *expert;   /* "This frame is a (suspected) fast retransmission" */
    const char *severity; /* "Note", "Warning", "Chat" */
};

extern const struct ws_flag_name ws_flag_names[];
extern const size_t ws_flag_count;

#endif
