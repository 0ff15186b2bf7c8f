# Shared settings for the tests/follow capture generators.  Source this FIRST,
# then one of the existing helper libraries (which it does not copy):
#   tests/captures/make/lib.sh  (tlc-cli/tlc-srv, two_ns, IPv4 or IPv6)
#   tests/analysis/make/lib.sh  (tan-cli/tan-mid/tan-srv, relay_ns, nft_table)
# Both honour OUTDIR, so everything they write lands in tests/follow/.
FMAKE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export OUTDIR=$(cd "$FMAKE/.." && pwd)
CAPLIB="$FMAKE/../../captures/make/lib.sh"
ANALIB="$FMAKE/../../analysis/make/lib.sh"
FAPP="python3 $FMAKE/followapp.py"   # the libraries' $APP is replaced by this

# sha_begin -- the apps append "ROLE sha256 nbytes" to $FOLLOW_SHAFILE
sha_begin() { export FOLLOW_SHAFILE="$TMPD/app.sha256"; : > "$FOLLOW_SHAFILE"; }
# sha_finish NAME -- write $OUTDIR/NAME.sha256 (client line first, then server)
sha_finish() {
    local f="$OUTDIR/$1.sha256"
    { grep '^client ' "$FOLLOW_SHAFILE"; grep '^server ' "$FOLLOW_SHAFILE"; } > "$f"
    [ "$(wc -l < "$f")" = 2 ] || { echo "expected one client and one server line:" >&2; cat "$FOLLOW_SHAFILE" >&2; exit 1; }
    echo "$1.sha256:" >&2; cat "$f" >&2
}
