"""tshark_follow.py -- reading tshark's follow output back.

`tshark -q -z follow,tcp,FMT,N` for several streams writes their outputs
one after the other; the follow tests compare tcplens's output for each
stream with its part.
"""

SEPARATOR = b"=" * 67 + b"\n"


def split_streams(data, fmt):
    """The concatenated outputs, one per stream."""
    start = b"peers:\n" if fmt == "yaml" else b"\n" + SEPARATOR + b"Follow:"
    parts, at = [], data.find(start)
    while at >= 0:
        nxt = data.find(start, at + 1)
        parts.append(data[at:nxt if nxt >= 0 else len(data)])
        at = nxt
    return parts
