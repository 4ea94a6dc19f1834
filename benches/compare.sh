#!/usr/bin/env bash
# benches/compare.sh — blatt and newsboat side by side, on the same generated feeds, in one run.
#
#   benches/compare.sh                 # 200 feeds × 50 items, 5 repetitions, medians: full-text
#                                      # feeds, then the old short-item feeds
#   N=40 M=50 REPS=3 benches/compare.sh
#   benches/compare.sh -n 1000 -m 50 -r 1
#   SCALING=1 benches/compare.sh       # also blatt and newsboat at 2,000 / 10,000 / 50,000 items
#
# What it does:
#   - installs newsboat and GNU time from Debian with apt-get when they are missing (as root, else sudo);
#   - builds blatt (release) and the examples `feedserver` and `first_screen`;
#   - serves N synthetic feeds of M items each (examples/feedserver.rs: ETags, 304s), twice:
#       full:  feeds like a real subscription list (`--shape full`): most items carry the whole article as
#              HTML in content:encoded / Atom content (100–2,000 words, links, figures, some interviews),
#              every fifth feed summaries only, one feed of 2,000 items, one of about 1 MB, spread over
#              8 loopback addresses (127.0.0.1–127.0.0.8);
#       short: the old feeds (title and a 40-word description per item, all on 127.0.0.1);
#   - measures, alternating the programs and rotating their order in every repetition:
#       1. cold reload into an empty cache: `blatt reload` (fresh XDG_DATA_HOME, a generated config) vs
#          `newsboat -u URLS -c CACHE -C CONFIG -x reload` with an empty config (newsboat's default: one
#          reload thread) and with `reload-threads` set to blatt's concurrency;
#       2. warm reload: the same again over the filled cache, every feed answering 304 (newsboat keeps
#          a feed's ETag only from its second reload on, so one unmeasured reload comes first for
#          both; the server's request counts are printed to check);
#       3. time to the first useful screen with the N×M items cached, in a 120×40 pseudo-terminal
#          (examples/first_screen.rs: the time from the spawn until a known text is on the screen);
#       4. peak resident memory (GNU time's maximum RSS) of the cold reload and of the reader with the
#          N×M items cached;
#   - prints the median of every figure for both, and the ratio (newsboat ÷ blatt: above 1 is blatt
#     faster or smaller).
#
# The short feeds are all on one host (127.0.0.1:PORT), so blatt's per-host limit is set to its concurrency in
# the generated config (default: concurrency 16, per_host 16); otherwise blatt would fetch 2 at a time.
# Options (flags or environment): -n/N feeds (200), -m/M items per feed (50), -r/REPS repetitions (5),
# -c/CONCURRENCY (16), PROFILE (release; fast builds in minutes), BLATT (a blatt binary to measure),
# BUILD=0 (use what is built),
# -s/SCALING=1 (SCALING_REPS repetitions each, default 3), SHAPES ("full short"),
# KEEP=1 keeps the work directory. The machine should be otherwise quiet; the figures are medians, the ratios compare runs made
# within seconds of each other.
set -euo pipefail

N=${N:-200}
M=${M:-50}
REPS=${REPS:-5}
CONCURRENCY=${CONCURRENCY:-16}
SCALING=${SCALING:-0}
SHAPES=${SHAPES:-full short}
while [ $# -gt 0 ]; do
	case "$1" in
	-n) N=$2; shift 2 ;;
	-m) M=$2; shift 2 ;;
	-r) REPS=$2; shift 2 ;;
	-c) CONCURRENCY=$2; shift 2 ;;
	-s) SCALING=1; shift ;;
	-h | --help) sed -n '2,30p' "$0"; exit 0 ;;
	*) echo "unknown option $1 (see --help)" >&2; exit 64 ;;
	esac
done

ROOT=$(cd "$(dirname "$0")/.." && pwd)
log() { printf '%s\n' "$*" >&2; }

# ── tools ────────────────────────────────────────────────────────────────────────────────────────────
need=()
command -v newsboat >/dev/null || need+=(newsboat)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
	log "installing ${need[*]} from Debian"
	if [ "$(id -u)" -eq 0 ]; then SUDO=; else SUDO=sudo; fi
	$SUDO apt-get update -qq || true
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >&2
fi
NEWSBOAT_VERSION=$(newsboat --version 2>/dev/null | head -n1 | awk '{print $2}')

# ── build ────────────────────────────────────────────────────────────────────────────────────────────
# PROFILE=fast measures the quick-to-build profile (no LTO) instead; BLATT=PATH another blatt binary
PROFILE=${PROFILE:-release}
log "building blatt ($PROFILE) and the examples"
[ "${BUILD:-1}" = 0 ] || (cd "$ROOT" && cargo build --profile "$PROFILE" --quiet --bin blatt --example feedserver --example first_screen \
	--example startup_phases)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}/$PROFILE
BLATT=${BLATT:-$TARGET/blatt}
FEEDSERVER=$TARGET/examples/feedserver
FIRST_SCREEN=$TARGET/examples/first_screen

WORK=$(mktemp -d "${TMPDIR:-/tmp}/blatt-compare.XXXXXX")
SERVER_PID=
cleanup() {
	[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true
	[ "${KEEP:-0}" = 1 ] && log "work directory kept: $WORK" || rm -rf "$WORK"
}
trap cleanup EXIT

# ── helpers ──────────────────────────────────────────────────────────────────────────────────────────
now_ns() { date +%s%N; }
median() { sort -g | awk '{a[NR]=$1} END {if (NR==0) print "NA"; else if (NR%2) print a[(NR+1)/2]; else printf "%.4g\n", (a[NR/2]+a[NR/2+1])/2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (a=="NA"||b=="NA"||b+0==0) print "NA"; else printf "%.1f×", a/b}'; }
stats() { # the server's request counts
	local port=${BASE_URL##*:}
	exec 3<>"/dev/tcp/127.0.0.1/$port"
	printf 'GET /stats HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3
	tail -n1 <&3
	exec 3<&-
}

# timed NAME OUTFILE CMD… — runs CMD under GNU time; appends "seconds maxrss_kib" to $WORK/NAME
timed() {
	local name=$1 out=$2
	shift 2
	local t0 t1
	t0=$(now_ns)
	if ! /usr/bin/time -f '%M' -o "$WORK/rss.tmp" "$@" >"$out" 2>&1; then
		log "FAILED: $* (see below)"
		tail -n 20 "$out" >&2
		exit 1
	fi
	t1=$(now_ns)
	echo "$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.4f", (b-a)/1e9}') $(tail -n1 "$WORK/rss.tmp")" >>"$WORK/$name"
}

start_server() { # feeds items shape
	[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
	rm -f "$WORK/urls"
	"$FEEDSERVER" --feeds "$1" --items "$2" --shape "${3:-short}" --urls "$WORK/urls.tmp" --seconds 7200 \
		2>"$WORK/server.log" &
	SERVER_PID=$!
	for _ in $(seq 2400); do grep -q "items=" "$WORK/server.log" 2>/dev/null && break; sleep 0.05; done
	mv "$WORK/urls.tmp" "$WORK/urls"
	TOTAL_ITEMS=$(sed -nE 's/.*items=([0-9]+).*/\1/p' "$WORK/server.log")
	SERVED=$(sed -nE 's/.*feeds, ([0-9.]+ MB).*/\1/p' "$WORK/server.log")
	BASE_URL=$(head -n1 "$WORK/urls" | sed -E 's#(http://[^/]+).*#\1#')
	{
		echo "[reload]"
		echo "concurrency = $CONCURRENCY"
		echo "per_host = $CONCURRENCY"
		echo "interval = 0"
		while read -r u; do printf '\n[[source]]\nurl = "%s"\nkind = "feed"\n' "$u"; done <"$WORK/urls"
	} >"$WORK/blatt.toml"
	: >"$WORK/newsboat-default.conf"
	echo "reload-threads $CONCURRENCY" >"$WORK/newsboat-threads.conf"
}

# Per program: a fresh home; run_reload PROG DIR
run_reload() {
	local prog=$1 dir=$2 tag=$3
	case $prog in
	blatt)
		XDG_CONFIG_HOME=$dir/config XDG_DATA_HOME=$dir/data XDG_STATE_HOME=$dir/state HOME=$dir \
			timed "$tag.blatt" "$dir/out.log" "$BLATT" --config "$WORK/blatt.toml" reload
		;;
	newsboat-default | newsboat-threads)
		HOME=$dir timed "$tag.$prog" "$dir/out.log" \
			newsboat -u "$WORK/urls" -c "$dir/cache.db" -C "$WORK/$prog.conf" -x reload
		;;
	esac
}

# The reader over the cache, in a 120×40 pty, until its first useful screen; run_screen PROG DIR TAG.
# Appends "seconds peak_rss_kib" (the reader's own VmHWM, read 300 ms after the screen appeared).
run_screen() {
	local prog=$1 dir=$2 tag=$3 out
	case $prog in
	blatt)
		out=$(cd "$dir" && env XDG_CONFIG_HOME="$dir/config" XDG_DATA_HOME="$dir/data" \
			XDG_STATE_HOME="$dir/state" HOME="$dir" TERM=xterm-256color \
			"$FIRST_SCREEN" --cols 120 --rows 40 --settle-ms 300 "${BLATT_WAIT[@]}" -- \
			"$BLATT" --config "$WORK/blatt.toml" "${BLATT_TUI_ARGS[@]}")
		;;
	newsboat-*)
		out=$(cd "$dir" && env HOME="$dir" TERM=xterm-256color \
			"$FIRST_SCREEN" --cols 120 --rows 40 --settle-ms 300 "${NEWSBOAT_WAIT[@]}" -- \
			newsboat -u "$WORK/urls" -c "$dir/cache.db" -C "$WORK/$prog.conf")
		;;
	esac
	local ms kib
	ms=$(sed -nE 's/.*first_screen_ms=([0-9.]+).*/\1/p' <<<"$out")
	kib=$(sed -nE 's/.*peak_rss_kib=([0-9]+|NA).*/\1/p' <<<"$out")
	echo "$(awk -v m="$ms" 'BEGIN {printf "%.4f", m/1000}') $kib" >>"$WORK/$tag.$prog"
}

# ── what the first useful screen is ──────────────────────────────────────────────────────────────────
# blatt: the reader over the configured sources (`blatt` with the config, served from the store) with
# the teaser list drawn and every item counted in the status line ("…/N·M"). newsboat: its feed list
# ("Your feeds" in the title line, the first feed's line with its item count "(M/M) Feed 0").
blatt_screen_setup() { # total-items items-per-feed
	BLATT_TUI_ARGS=()
	BLATT_WAIT=(--wait "/$1" --wait "Feed ")
	NEWSBOAT_WAIT=(--wait "Your feeds" --wait "($2/$2) Feed 0")
}

PROGS=(blatt newsboat-default newsboat-threads)

# one full round of the four measurements at N×M; results in $WORK/<tag>.<prog>
measure() {
	local n=$1 m=$2 reps=$3 tag=$4 shape=${5:-short}
	start_server "$n" "$m" "$shape"
	blatt_screen_setup "$TOTAL_ITEMS" "$m"
	echo "$TOTAL_ITEMS items, $SERVED" >"$WORK/$tag.what"
	log "── $shape: $n feeds, $TOTAL_ITEMS items ($SERVED), $reps repetitions ($BASE_URL)"
	for rep in $(seq "$reps"); do
		# rotate the order so no program always runs first (or right after the same one)
		local order=("${PROGS[@]:$(((rep - 1) % 3))}" "${PROGS[@]:0:$(((rep - 1) % 3))}")
		for p in "${order[@]}"; do
			local d="$WORK/$tag.$p.$rep"
			rm -rf "$d" && mkdir -p "$d"
			local before after
			before=$(stats)
			run_reload "$p" "$d" "$tag.cold"
			after=$(stats)
			log "  rep $rep $p cold:  $(tail -n1 "$WORK/$tag.cold.$p") (s, KiB)   server $before → $after"
		done
		# newsboat stores a feed's ETag only when its row exists, i.e. from its second reload on: one
		# unmeasured reload each first, so the measured one is conditional for both (checked: all 304)
		for p in "${order[@]}"; do run_reload "$p" "$WORK/$tag.$p.$rep" "$tag.prime"; done
		for p in "${order[@]}"; do
			local d="$WORK/$tag.$p.$rep" before after
			before=$(stats)
			run_reload "$p" "$d" "$tag.warm"
			after=$(stats)
			log "  rep $rep $p warm:  $(tail -n1 "$WORK/$tag.warm.$p")   server $before → $after"
		done
		for p in "${order[@]}"; do
			# newsboat's two configs share one cache format; the screen is measured once per cache
			local d="$WORK/$tag.$p.$rep"
			run_screen "$p" "$d" "$tag.screen"
			log "  rep $rep $p screen: $(tail -n1 "$WORK/$tag.screen.$p")"
		done
		# keep the disk use bounded
		for p in "${order[@]}"; do rm -rf "$WORK/$tag.$p.$rep"; done
	done
}

col() { # file column → median
	awk -v c="$2" '{print $c}' "$WORK/$1" 2>/dev/null | median
}

report() {
	local n=$1 m=$2 tag=$3 shape=${4:-short}
	local b nd nt
	printf '\n%s feeds × %s items, %s (%s), median of %s; newsboat %s, blatt %s; concurrency %s (per host %s)\n' \
		"$n" "$m" "$shape" "$(cat "$WORK/$tag.what")" "$REPS_USED" "$NEWSBOAT_VERSION" "$("$BLATT" --version | awk '{print $2}')" \
		"$CONCURRENCY" "$CONCURRENCY"
	printf '%-38s %10s %12s %12s %14s %14s\n' "" "blatt" "newsboat" "nb $CONCURRENCY thr" "nb ÷ blatt" "nb-thr ÷ blatt"
	row() { # label file column unit scale
		b=$(col "$tag.$2.blatt" "$3")
		nd=$(col "$tag.$2.newsboat-default" "$3")
		nt=$(col "$tag.$2.newsboat-threads" "$3")
		local f="%.3f"
		[ "$4" = MiB ] && { b=$(awk -v x="$b" 'BEGIN{printf "%.1f", x/1024}'); nd=$(awk -v x="$nd" 'BEGIN{printf "%.1f", x/1024}'); nt=$(awk -v x="$nt" 'BEGIN{printf "%.1f", x/1024}'); f="%.1f"; }
		[ "$4" = ms ] && { b=$(awk -v x="$b" 'BEGIN{printf "%.1f", x*1000}'); nd=$(awk -v x="$nd" 'BEGIN{printf "%.1f", x*1000}'); nt=$(awk -v x="$nt" 'BEGIN{printf "%.1f", x*1000}'); }
		printf '%-38s %10s %12s %12s %14s %14s\n' "$1 ($4)" "$b" "$nd" "$nt" "$(ratio "$nd" "$b")" "$(ratio "$nt" "$b")"
	}
	row "1. cold reload" cold 1 s
	row "2. warm reload (all 304)" warm 1 s
	row "3. first useful screen, 120×40" screen 1 ms
	row "4. peak RSS, cold reload" cold 2 MiB
	row "4. peak RSS, reader over cache" screen 2 MiB
	row "   peak RSS, warm reload" warm 2 MiB
}

REPS_USED=$REPS
for shape in $SHAPES; do
	measure "$N" "$M" "$REPS" "main-$shape" "$shape"
	report "$N" "$M" "main-$shape" "$shape" | tee -a "$WORK/report.txt"
done
if [ "$(echo $SHAPES | wc -w)" -gt 1 ]; then
	printf '\nall shapes:\n' && cat "$WORK/report.txt"
fi

# where blatt's start-up goes (examples/startup_phases.rs over a freshly reloaded store of N×M items)
start_server "$N" "$M" "${SHAPES%% *}"
P="$WORK/phases" && mkdir -p "$P"
XDG_DATA_HOME=$P/data XDG_CONFIG_HOME=$P/config XDG_STATE_HOME=$P/state HOME=$P \
	"$BLATT" --config "$WORK/blatt.toml" reload 2>/dev/null
printf '\nblatt start-up, step by step (examples/startup_phases.rs):\n'
XDG_DATA_HOME=$P/data XDG_CONFIG_HOME=$P/config XDG_STATE_HOME=$P/state HOME=$P \
	"$TARGET/examples/startup_phases" --config "$WORK/blatt.toml" --runs 5

if [ "$SCALING" = 1 ]; then
	SREPS=${SCALING_REPS:-3}
	REPS_USED=$SREPS
	for size in "40 50" "200 50" "1000 50"; do
		set -- $size
		measure "$1" "$2" "$SREPS" "scale$1x$2" "${SHAPES%% *}"
		report "$1" "$2" "scale$1x$2" "${SHAPES%% *}"
	done
fi
