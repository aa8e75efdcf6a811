#!/usr/bin/env bash
# make bench: each step of `evidence` beside its yardstick (a public tool doing the least work of the
# same kind), run alternately RUNS times (default 3); prints median wall time, ratio, target and peak
# memory (/usr/bin/time). Usage: Benchmarks/run.sh EVIDENCE_BINARY DATA_FOLDER
set -euo pipefail
bin=$(realpath "$1"); data=$(realpath "$2"); runs=${RUNS:-3}
csv="$data/bill_lines.csv"; xml="$data/calls.xml"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
for tool in /usr/bin/time sqlite3 xmllint sha256sum zip; do
  command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install time sqlite3 libxml2-utils zip)"; exit 1; }
done

# measure NAME COMMAND...: appends "seconds peak-KiB" of one run to $work/NAME (any exit code)
measure() {
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/t" "$@" >/dev/null 2>"$work/err" || true
  tail -1 "$work/t" >>"$work/$name"
}
median() { cut -d' ' -f1 "$work/$1" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
peak() { cut -d' ' -f2 "$work/$1" | sort -n | tail -1 | awk '{printf "%.1f", $1 / 1024}'; }

echo "inputs: $(($(wc -l <"$csv") - 1)) bill lines ($(du -h "$csv" | cut -f1)), $(grep -c '<call ' "$xml") calls ($(du -h "$xml" | cut -f1)); $runs runs each, alternating"
for i in $(seq "$runs"); do
  rm -rf "$work/s" "$work/x" "$work/db" "$work/a.zip" "$work/y.zip"
  mkdir "$work/s" "$work/x"; "$bin" init "$work/s" >/dev/null; "$bin" init "$work/x" >/dev/null
  measure csv "$bin" --store "$work/s" import "$csv"
  measure sqlite sqlite3 "$work/db" -cmd ".mode csv" ".import $csv bill_lines"
  measure xml "$bin" --store "$work/x" import "$xml"
  measure xmllint xmllint --stream --noout "$xml"
  measure skip "$bin" --store "$work/s" import "$csv"
  measure flags "$bin" --store "$work/s" flags --as-of 2026-12-31 --format json
  measure check "$bin" --store "$work/s" cancel-check --as-of 2026-12-31
  account=$("$bin" --store "$work/s" accounts --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
  measure report "$bin" --store "$work/s" report --account "$account" --as-of 2026-12-31 --format html --out "$work/r.html"
  measure export "$bin" --store "$work/s" export --account "$account" --as-of 2026-12-31 --out "$work/a.zip"
  measure sha sha256sum "$csv"
  measure zip zip -q -1 "$work/y.zip" "$csv"
  rm -f "$work/y.zip"
done
# The export's yardstick is sha256sum + zip -1 of the same original.
paste -d' ' <(cut -d' ' -f1 "$work/sha") <(cut -d' ' -f1 "$work/zip") | awk '{print $1 + $2, 0}' >"$work/shazip"

row() { # label, step, yardstick file or "-", target ratio or seconds, unit of target
  local m y ratio
  m=$(median "$2")
  if [ "$3" = "-" ]; then y="-"; ratio="-"; else y=$(median "$3"); ratio=$(awk -v a="$m" -v b="$y" 'BEGIN {printf "%.2f", a / b}'); fi
  printf '| %-44s | %7s | %9s | %6s | %-10s | %7s |\n' "$1" "$m" "$y" "$ratio" "$4" "$(peak "$2")"
}
printf '| %-44s | %7s | %9s | %6s | %-10s | %7s |\n' "step" "s" "yardstick" "ratio" "target" "MiB"
printf '| %-44s | %7s | %9s | %6s | %-10s | %7s |\n' "---" "---:" "---:" "---:" "---" "---:"
row "import 1M bill lines (vs sqlite3 .import)" csv sqlite "<= 1.0 x"
row "import 1M calls XML (vs xmllint --stream)" xml xmllint "<= 3.0 x"
row "re-import the stored CSV (skipped)" skip - "<= 0.2 s"
row "flags on the 1M-line ledger" flags - "<= 2 s"
row "cancel-check on the 1M-line ledger" check - "<= 2 s"
row "report --format html (one account)" report - "<= 3 s"
row "export (one account; vs sha256sum + zip -1)" export shazip "<= 2.0 x"
