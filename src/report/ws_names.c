/* ws_names.c - Wireshark's names for its TCP analysis flags (tshark 4.0). */
#include "report/ws_names.h"

#include "track/seq_analysis.h"

/* Wireshark's printer visits the flags in this order and prepends each
 * Info tag, so the Info column shows them in the reverse order. */
const struct ws_flag_name ws_flag_names[] = {
    {WS_REUSED_PORTS, "reused_ports", "[TCP Port numbers reused]",
     "A new tcp session is started with the same ports as an earlier session in this trace",
     "Note"},
    {WS_RETRANSMISSION, "retransmission", "[TCP Retransmission]",
     "This frame is a (suspected) retransmission", "Note"},
    {WS_FAST_RETRANSMISSION, "fast_retransmission", "[TCP Fast Retransmission]",
     "This frame is a (suspected) fast retransmission", "Note"},
    {WS_SPURIOUS_RETRANSMISSION, "spurious_retransmission", "[TCP Spurious Retransmission]",
     "This frame is a (suspected) spurious retransmission", "Note"},
    {WS_OUT_OF_ORDER, "out_of_order", "[TCP Out-Of-Order]",
     "This frame is a (suspected) out-of-order segment", "Warning"},
    {WS_LOST_SEGMENT, "lost_segment", "[TCP Previous segment not captured]",
     "Previous segment(s) not captured (common at capture start)", "Warning"},
    {WS_ACK_LOST_SEGMENT, "ack_lost_segment", "[TCP ACKed unseen segment]",
     "ACKed segment that wasn't captured (common at capture start)", "Warning"},
    {WS_WINDOW_UPDATE, "window_update", "[TCP Window Update]", "TCP window update", "Chat"},
    {WS_WINDOW_FULL, "window_full", "[TCP Window Full]",
     "TCP window specified by the receiver is now completely full", "Warning"},
    {WS_KEEP_ALIVE, "keep_alive", "[TCP Keep-Alive]", "TCP keep-alive segment", "Note"},
    {WS_KEEP_ALIVE_ACK, "keep_alive_ack", "[TCP Keep-Alive ACK]",
     "ACK to a TCP keep-alive segment", "Note"},
    {WS_DUPLICATE_ACK, "duplicate_ack", NULL, "Duplicate ACK", "Note"},
    {WS_ZERO_WINDOW_PROBE, "zero_window_probe", "[TCP ZeroWindowProbe]", "TCP Zero Window Probe",
     "Note"},
    {WS_ZERO_WINDOW, "zero_window", "[TCP ZeroWindow]", "TCP Zero Window segment", "Warning"},
    {WS_ZERO_WINDOW_PROBE_ACK, "zero_window_probe_ack", "[TCP ZeroWindowProbeAck]",
     "ACK to a TCP Zero Window Probe", "Note"},
};

const size_t ws_flag_count = sizeof ws_flag_names / sizeof ws_flag_names[0];
