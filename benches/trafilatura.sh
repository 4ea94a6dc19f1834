#!/bin/sh
# Side-by-side speed of blatt's reader mode and trafilatura on the same pages, both in-process, one core.
#   benches/trafilatura.sh [CORPUS_DIR] [ROUNDS]
# CORPUS_DIR holds *.html or *.html.gz pages (default: ../shared/corpus/article-extraction-benchmark/html).
# Needs python3 with venv and PyPI access for the first run (venv under target/trafilatura-venv).
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CORPUS=${1:-$ROOT/../../shared/corpus/article-extraction-benchmark/html}
[ -d "$CORPUS" ] || CORPUS=/work/shared/corpus/article-extraction-benchmark/html
ROUNDS=${2:-5}
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

PY_OUT=$("$VENV/bin/python" - "$PAGES" "$ROUNDS" <<'PYEOF'
import os, statistics, sys, time
import trafilatura
d, rounds = sys.argv[1], int(sys.argv[2])
pages = []
for n in sorted(os.listdir(d)):
    raw = open(os.path.join(d, n), "rb").read()
    pages.append(raw.decode("utf-8", "replace"))
mb = sum(len(p.encode("utf-8")) for p in pages) / 1e6
for p in pages[:5]:  # warm-up: imports, lazy tables
    trafilatura.extract(p)
times = []
for _ in range(rounds):
    t = time.perf_counter()
    for p in pages:
        trafilatura.extract(p)
    times.append(time.perf_counter() - t)
med = statistics.median(times)
print(f"trafilatura {trafilatura.__version__}: {len(pages)} pages, {mb:.1f} MB, median of {rounds} rounds {med:.2f} s: {mb / med:.1f} MB/s")
print(f"MBPS {mb / med:.3f}")
PYEOF
)
echo "$PY_OUT" | grep -v '^MBPS'
PY_MBPS=$(echo "$PY_OUT" | sed -n 's/^MBPS //p')

cd "$ROOT"
RS_OUT=$(cargo run -q --release --example extract_bench -- "$PAGES" "$ROUNDS")
echo "$RS_OUT" | grep -v '^MBPS'
RS_MBPS=$(echo "$RS_OUT" | sed -n 's/^MBPS extract //p')
python3 -c "print(f'blatt extract / trafilatura: {float($RS_MBPS) / float($PY_MBPS):.1f} x')"
