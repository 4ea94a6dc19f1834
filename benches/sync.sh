#!/usr/bin/env bash
# benches/sync.sh — `blatt sync` against a real Tiny Tiny RSS server with 10,000 items, and the same
# API traffic made by curl as the baseline, in one run.
#
#   benches/sync.sh              # 20 feeds × 500 items, 3 repetitions, medians
#   REPS=5 benches/sync.sh
#   FEEDS=10 ITEMS=100 benches/sync.sh
#   KEEP=1 benches/sync.sh       # leave the server running afterwards (the next run reuses it)
#
# What it does:
#   - starts tt-rss with ../shared/servers/ttrss/up.sh (SYNCSERVER_FEEDS × SYNCSERVER_ITEMS items; a
#     new server fetches 10,000 items once, which takes minutes; a running one is reused);
#   - builds blatt (`cargo build --profile fast`: release-like, without LTO);
#   - measures, alternating blatt and curl in every repetition:
#       1. a first sync into an empty store: `blatt sync` (login, feeds and categories, every item with
#          its full text parsed and stored, the unread and starred ids) against curl doing the calls
#          such a sync needs at least: login, getCategories, getFeeds, getHeadlines of every item with
#          content (200 a call), of every unread id and every starred id;
#       2. an incremental sync with nothing new: `blatt sync` again, against curl's login,
#          getCategories, getFeeds, getHeadlines since the newest id, and the unread and starred ids;
#   - prints the medians and the ratio blatt ÷ curl (1.0: blatt costs what the transfer costs).
# PHP's built-in web server answers one request at a time, so both are bound by the server; the
# ratio says what blatt adds on top. Options: FEEDS (20), ITEMS (500), REPS (3), KEEP=1,
# SYNCSERVER_DIR (default ${TMPDIR:-/tmp}/blatt-bench-ttrss).
set -Eeuo pipefail

FEEDS=${FEEDS:-20}
ITEMS=${ITEMS:-500}
REPS=${REPS:-3}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SERVERS=$(cd "$ROOT/../shared/servers" 2>/dev/null && pwd) || { echo "sync.sh: ../shared/servers not found" >&2; exit 1; }
export SYNCSERVER_DIR=${SYNCSERVER_DIR:-${TMPDIR:-/tmp}/blatt-bench-ttrss}
log() { printf '%s\n' "$*" >&2; }
trap 'log "sync.sh: failed at line $LINENO"' ERR

# ── server ───────────────────────────────────────────────────────────────────────────────────────────
log "starting tt-rss with $FEEDS × $ITEMS items in $SYNCSERVER_DIR (a new server takes minutes)"
for try in 1 2 3 4 5; do
	# (up.sh's `dpkg -L | grep -m1` can die of SIGPIPE at once: start again)
	if SYNCSERVER_FEEDS=$FEEDS SYNCSERVER_ITEMS=$ITEMS bash "$SERVERS/ttrss/up.sh" >/dev/null; then break; fi
	[ "$try" = 5 ] && { log "tt-rss did not start"; exit 1; }
done
# shellcheck disable=SC1091
. "$SYNCSERVER_DIR/env"
[ "${KEEP:-0}" = 1 ] || trap 'bash "$SERVERS/ttrss/down.sh" >/dev/null 2>&1 || true' EXIT

# ── blatt ────────────────────────────────────────────────────────────────────────────────────────────
log "building blatt (--profile fast)"
(cd "$ROOT" && cargo build --profile fast --bin blatt >&2)
BLATT=$ROOT/target/fast/blatt
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"; [ "${KEEP:-0}" = 1 ] || bash "$SERVERS/ttrss/down.sh" >/dev/null 2>&1 || true' EXIT
printf '%s\n' "$SYNC_PASSWORD" >"$WORK/pw"

home() { # a fresh home with [sync] for this server
	local h=$WORK/home.$1
	rm -rf "$h"; mkdir -p "$h/config/blatt"
	printf '[reload]\ntimeout = 300\n\n[sync]\nkind = "ttrss"\nurl = "%s"\nuser = "%s"\npassword_file = "%s"\n' \
		"$SYNC_URL" "$SYNC_USER" "$WORK/pw" >"$h/config/blatt/config.toml"
	echo "$h"
}
blatt_sync() { # blatt_sync HOME
	HOME=$1 XDG_CONFIG_HOME=$1/config XDG_DATA_HOME=$1/data XDG_STATE_HOME=$1/state "$BLATT" sync 2>"$1/sync.err"
}

# ── curl: the calls a sync needs ─────────────────────────────────────────────────────────────────────
api() { curl -sS --noproxy '*' -A blatt-bench -H 'Content-Type: application/json' -d "$1" "$SYNC_API"; }
pages() { # pages JSON-PARAMS: every page of getHeadlines with these parameters, 200 at a time
	local skip=0 n
	while :; do
		n=$(api '{"op":"getHeadlines","sid":"'"$SID"'","limit":200,"skip":'"$skip"','"$1"'}' | { grep -o '"id":[0-9]*' || true; } | wc -l)
		skip=$((skip + 200))
		[ "$n" -ge 200 ] || break
	done
}
curl_sync() { # curl_sync first|incremental
	SID=$(api '{"op":"login","user":"'"$SYNC_USER"'","password":"'"$SYNC_PASSWORD"'"}' | sed 's/.*"session_id":"\([^"]*\)".*/\1/')
	api '{"op":"getCategories","sid":"'"$SID"'","include_nested":true}' >/dev/null
	api '{"op":"getFeeds","sid":"'"$SID"'","cat_id":-3}' >/dev/null
	if [ "$1" = first ]; then
		pages '"feed_id":-4,"view_mode":"all_articles","show_content":true'
	else
		api '{"op":"getHeadlines","sid":"'"$SID"'","feed_id":-4,"since_id":'"$MAXID"',"limit":200,"show_content":true}' >/dev/null
	fi
	pages '"feed_id":-4,"view_mode":"unread","show_content":false'
	pages '"feed_id":-1,"view_mode":"all_articles","show_content":false'
}

now() { date +%s.%N; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

# the newest article id, for the incremental baseline
SID=$(api '{"op":"login","user":"'"$SYNC_USER"'","password":"'"$SYNC_PASSWORD"'"}' | sed 's/.*"session_id":"\([^"]*\)".*/\1/')
MAXID=$(api '{"op":"getHeadlines","sid":"'"$SID"'","feed_id":-4,"limit":1,"view_mode":"all_articles"}' | grep -o '"id":[0-9]*' | head -1 | cut -d: -f2)

: >"$WORK/first.blatt"; : >"$WORK/first.curl"; : >"$WORK/incr.blatt"; : >"$WORK/incr.curl"
for rep in $(seq "$REPS"); do
	h=$(home "$rep")
	order="blatt curl"; [ $((rep % 2)) = 0 ] && order="curl blatt"
	for who in $order; do
		t0=$(now)
		if [ "$who" = blatt ]; then blatt_sync "$h"; else curl_sync first; fi
		awk -v a="$(now)" -v b="$t0" 'BEGIN {printf "%.3f\n", a - b}' >>"$WORK/first.$who"
	done
	for who in $order; do
		t0=$(now)
		if [ "$who" = blatt ]; then blatt_sync "$h"; else curl_sync incremental; fi
		awk -v a="$(now)" -v b="$t0" 'BEGIN {printf "%.3f\n", a - b}' >>"$WORK/incr.$who"
	done
	log "rep $rep: $(tail -1 "$h/sync.err")"
	log "  first sync: blatt $(tail -1 "$WORK/first.blatt") s, curl $(tail -1 "$WORK/first.curl") s;" \
		"incremental: blatt $(tail -1 "$WORK/incr.blatt") s, curl $(tail -1 "$WORK/incr.curl") s"
done

items=$(HOME=$h XDG_CONFIG_HOME=$h/config XDG_DATA_HOME=$h/data XDG_STATE_HOME=$h/state "$BLATT" items --format json | grep -c '"id":')
fb=$(median <"$WORK/first.blatt"); fc=$(median <"$WORK/first.curl")
ib=$(median <"$WORK/incr.blatt"); ic=$(median <"$WORK/incr.curl")
printf '\n%s items stored; medians of %s repetitions (tt-rss on php -S, 127.0.0.1)\n' "$items" "$REPS"
printf '%-34s %10s %10s %8s\n' "" "blatt" "curl" "ratio"
printf '%-34s %9.2fs %9.2fs %7.2f×\n' "first sync ($((FEEDS * ITEMS)) items)" "$fb" "$fc" "$(awk -v a="$fb" -v b="$fc" 'BEGIN {print a / b}')"
printf '%-34s %9.2fs %9.2fs %7.2f×\n' "incremental sync, nothing new" "$ib" "$ic" "$(awk -v a="$ib" -v b="$ic" 'BEGIN {print a / b}')"
