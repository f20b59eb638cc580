#!/usr/bin/env bash
# zitat on every core: GNU parallel cuts a JSON Lines file into blocks of about 8 MB at line ends,
# runs one `zitat --jsonl --format jsonl` per block and writes the answers in input order (-k):
# one output line per input record, as zitat itself writes them.
#
#   scripts/zitat-parallel.sh big.jsonl > claims.jsonl        # or: … < big.jsonl
#   scripts/zitat-parallel.sh big.jsonl --text-field body --kind direct > claims.jsonl
#
# Arguments after the input file go to zitat. Environment: ZITAT (the binary; default `zitat` on
# PATH), ZITAT_BLOCK (block size; default 8M), ZITAT_JOBS (jobs at once; default one per core).
# Each block is a stdin of its own, so the `line` of an error record counts from the start of its
# block; the record's place in the output is its place in the input.
# Exit status: GNU parallel's, 0 when every record was read, else the number of blocks with a
# failed record (see `man parallel`, EXIT STATUS).
set -euo pipefail

command -v parallel >/dev/null || { echo "zitat-parallel: GNU parallel is not installed" >&2; exit 2; }
input=-
if [[ $# -gt 0 && $1 != -* ]]; then
  input=$1
  shift
elif [[ ${1:-} == - ]]; then
  shift
fi
if [[ $input != - ]]; then
  exec <"$input"
fi
exec parallel --quote --pipe --keep-order --block "${ZITAT_BLOCK:-8M}" --jobs "${ZITAT_JOBS:-100%}" \
  "${ZITAT:-zitat}" --jsonl --format jsonl "$@"
