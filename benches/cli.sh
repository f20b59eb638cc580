#!/usr/bin/env bash
# Whole-program figures for BENCHMARKS.md: the release binary on the news corpus as JSON Lines
# and as plain text, -j 1 against -j 2, peak memory, growth with input size, and a synthetic
# worst case. Inputs are generated under a scratch folder (default: target/bench-data, or $1)
# from ../shared/data/wikinews; nothing is written into the repository.
#
#   cargo build --release && benches/cli.sh [scratch-folder] [MB]
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=${1:-target/bench-data}
mb=${2:-100}
zitat=target/release/zitat
corpus=../shared/data/wikinews
[ -x "$zitat" ] || { echo "build first: cargo build --release" >&2; exit 2; }
[ -d "$corpus" ] || { echo "../shared is absent: nothing to measure" >&2; exit 0; }
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
mkdir -p "$scratch"

python3 - "$scratch" "$mb" "$corpus" <<'EOF'
import json, sys, os
scratch, mb, corpus = sys.argv[1], int(sys.argv[2]), sys.argv[3]
docs = []
for split in ("train", "dev"):
    for line in open(f"{corpus}/{split}.jsonl", encoding="utf-8"):
        d = json.loads(line)
        docs.append((d["id"], d["text"]))
def write(path, limit, render):
    if os.path.exists(path) and os.path.getsize(path) >= limit:
        return
    n = 0
    with open(path, "w", encoding="utf-8") as f:
        while n < limit:
            for i, t in docs:
                s = render(i, t)
                f.write(s)
                n += len(s.encode())
                if n >= limit:
                    break
# JSON Lines records (id and text only) and the same texts as one plain-text file
write(f"{scratch}/corpus.jsonl", mb << 20, lambda i, t: json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n")
write(f"{scratch}/corpus.txt", mb << 20, lambda i, t: t + "\n\n")
# growth: one document without paragraph breaks, 1, 10 and 100 MB
flat = " ".join(t.replace("\n", " ") for _, t in docs)
for size in (1, 10, 100):
    path = f"{scratch}/line-{size}.txt"
    if not os.path.exists(path):
        with open(path, "w", encoding="utf-8") as f:
            n = 0
            while n < size << 20:
                f.write(flat + " ")
                n += len(flat.encode()) + 1
# the worst case: one 50 MB paragraph, dense quote marks of every convention
path = f"{scratch}/worst-50.txt"
if not os.path.exists(path):
    unit = '„Das ist »so« nicht“, sagte er. "Nein", so sie: «Doch» ‚ja‘ „ „ “ " '
    with open(path, "w", encoding="utf-8") as f:
        f.write(unit * ((50 << 20) // len(unit.encode())))
EOF

run() { # label, args...
    local label=$1; shift
    local bytes; bytes=$(stat -c %s "${@: -1}")
    local t; t=$( { /usr/bin/time -f "%e %M" "$zitat" "$@" > /dev/null; } 2>&1 | tail -1)
    local s=${t% *} kb=${t#* }
    awk -v l="$label" -v b="$bytes" -v s="$s" -v kb="$kb" \
        'BEGIN { printf "| %s | %.1f MB | %.2f s | %.1f MB/s | %.0f MB |\n", l, b/1048576, s, (s>0 ? b/1048576/s : 0), kb/1024 }'
}

echo "| run | input | wall time | throughput | peak RSS |"
echo "|---|---|---|---|---|"
run "JSONL -j 1" --jsonl --format jsonl -j 1 "$scratch/corpus.jsonl"
run "JSONL -j 2" --jsonl --format jsonl -j 2 "$scratch/corpus.jsonl"
run "plain text (one document)" --format jsonl "$scratch/corpus.txt"
for size in 1 10 100; do
    run "one line, $size MB" --format jsonl "$scratch/line-$size.txt"
done
run "worst case: 50 MB of quote marks" --format jsonl "$scratch/worst-50.txt"
