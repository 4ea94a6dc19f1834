#!/bin/sh
# Side-by-side speed of blatt's reader mode and trafilatura on the same pages, both in-process, one core.
# The two alternate round by round (trafilatura, blatt, trafilatura, …), so a change in the machine's load
# hits both; each prints its median and the ratio of the medians.
#   benches/trafilatura.sh [CORPUS_DIR] [ROUNDS]
#   PROFILE=fast benches/trafilatura.sh     # blatt built with the quicker release-like profile
# CORPUS_DIR holds *.html or *.html.gz pages (default: ../shared/corpus/article-extraction-benchmark/html).
# Needs python3 with venv and PyPI access for the first run (venv under target/trafilatura-venv).
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CORPUS=${1:-$ROOT/../../shared/corpus/article-extraction-benchmark/html}
[ -d "$CORPUS" ] || CORPUS=/work/shared/corpus/article-extraction-benchmark/html
ROUNDS=${2:-5}
PROFILE=${PROFILE:-release}
VENV=$ROOT/target/trafilatura-venv
PAGES=$ROOT/target/trafilatura-pages

if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q trafilatura lxml_html_clean
fi

# decompressed copies, so that neither side times gunzip
rm -rf "$PAGES" && mkdir -p "$PAGES"
for f in "$CORPUS"/*; do
    case "$f" in
        *.html.gz) gunzip -c "$f" > "$PAGES/$(basename "$f" .gz)" ;;
        *.html | *.htm) cp "$f" "$PAGES/" ;;
    esac
done

cd "$ROOT"
cargo build -q --profile "$PROFILE" --example extract_bench
PY_TIMES=""
RS_TIMES=""
i=0
while [ "$i" -lt "$ROUNDS" ]; do
    i=$((i + 1))
    PY=$("$VENV/bin/python" - "$PAGES" <<'PYEOF'
import os, sys, time
import trafilatura
d = sys.argv[1]
pages = []
for n in sorted(os.listdir(d)):
    raw = open(os.path.join(d, n), "rb").read()
    pages.append(raw.decode("utf-8", "replace"))
mb = sum(len(p.encode("utf-8")) for p in pages) / 1e6
for p in pages[:5]:  # warm-up: imports, lazy tables
    trafilatura.extract(p)
t = time.perf_counter()
for p in pages:
    trafilatura.extract(p)
print(f"MBPS {mb / (time.perf_counter() - t):.3f}")
print(f"VERSION {trafilatura.__version__} PAGES {len(pages)} MB {mb:.1f}")
PYEOF
)
    RS=$(target/"$PROFILE"/examples/extract_bench "$PAGES" 1)
    PY_TIMES="$PY_TIMES $(echo "$PY" | sed -n 's/^MBPS //p')"
    RS_TIMES="$RS_TIMES $(echo "$RS" | sed -n 's/^MBPS extract //p')"
    echo "round $i: trafilatura $(echo "$PY" | sed -n 's/^MBPS //p') MB/s, blatt $(echo "$RS" | sed -n 's/^MBPS extract //p') MB/s"
done
echo "$PY" | sed -n 's/^VERSION \(.*\) PAGES \(.*\) MB \(.*\)/trafilatura \1 on \2 pages, \3 MB/p'
echo "$RS" | grep -v '^MBPS'
python3 - "$PY_TIMES" "$RS_TIMES" <<'PYEOF'
import statistics, sys
py = [float(x) for x in sys.argv[1].split()]
rs = [float(x) for x in sys.argv[2].split()]
mp, mr = statistics.median(py), statistics.median(rs)
print(f"median of {len(py)} alternating rounds: trafilatura {mp:.1f} MB/s, blatt extract {mr:.1f} MB/s")
print(f"blatt extract / trafilatura: {mr / mp:.1f} x")
PYEOF
