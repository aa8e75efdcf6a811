#!/usr/bin/env bash
# make bench: each step of `evidence` beside its yardstick (a public tool doing the least work of the
# same kind), run alternately RUNS times (default 3); prints median wall time, ratio, target and peak
# memory (/usr/bin/time). Usage: Benchmarks/run.sh EVIDENCE_BINARY DATA_FOLDER
set -euo pipefail
bin=$(realpath "$1"); data=$(realpath "$2"); runs=${RUNS:-3}
csv="$data/bill_lines.csv"; xml="$data/calls.xml"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
here=$(dirname "$(realpath "$0")")
for tool in /usr/bin/time sqlite3 xmllint sha256sum zip python3; do
  command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install time sqlite3 libxml2-utils zip python3)"; exit 1; }
done
# A 50-page PDF bill (2,481 lines) read through its template, beside pdftotext -layout; needs
# python3-reportlab to write it once and poppler-utils for the yardstick.
pdf="$data/bill_50_pages.pdf"; template="$here/../Tests/Fixtures/pdf/lakeshore.yaml"
if [ ! -f "$pdf" ]; then
  for python in python3 /usr/bin/python3; do  # Debian's python3-reportlab is for the system's python
    if "$python" -c "import reportlab" 2>/dev/null; then
      "$python" "$here/../Tests/Fixtures/pdf/make-fixtures.py" --bench "$pdf" >/dev/null; break
    fi
  done
fi
[ -f "$pdf" ] && command -v pdftotext >/dev/null || pdf=""
# OCR: a 1080 x 2340 phone screenshot (vs the tesseract command, same language and page
# segmentation) and a 10-page scanned bill (image-only, 300 dpi); needs PIL and tesseract-ocr.
ocrdata="$data/ocr"
if [ ! -f "$ocrdata/scanned-bill-10-pages.pdf" ]; then
  /usr/bin/python3 "$here/make_ocr_bench.py" "$ocrdata" >/dev/null 2>&1 || true
fi
[ -f "$ocrdata/scanned-bill-10-pages.pdf" ] && command -v tesseract >/dev/null || ocrdata=""
# A second file of 1M lines, all new (other accounts and statements), for the grown-ledger row.
second="$work/bill_lines_b.csv"
sed -e '2,$s/^\([^,]*\),/B\1,B/' "$csv" >"$second"

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
  measure pycsv python3 "$here/python_import_csv.py" "$csv" "$work/py.db"
  measure xml "$bin" --store "$work/x" import "$xml"
  measure xmllint xmllint --stream --noout "$xml"
  measure pyxml python3 "$here/python_import_xml.py" etree "$xml" "$work/py.db"
  measure skip "$bin" --store "$work/s" import "$csv"
  measure flags "$bin" --store "$work/s" flags --as-of 2026-12-31 --format json
  measure status "$bin" --store "$work/s" status
  measure status2 "$bin" --store "$work/s" status
  measure status3 "$bin" --store "$work/s" status --as-of "$(date -d '+14 days' +%F)"
  measure check "$bin" --store "$work/s" cancel-check --as-of 2026-12-31
  account=$("$bin" --store "$work/s" accounts --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
  measure report "$bin" --store "$work/s" report --account "$account" --as-of 2026-12-31 --format html --out "$work/r.html"
  measure export "$bin" --store "$work/s" export --account "$account" --as-of 2026-12-31 --out "$work/a.zip"
  measure sha sha256sum "$csv"
  measure zip zip -q -1 "$work/y.zip" "$csv"
  rm -f "$work/y.zip" "$work/py.db"
  measure grown "$bin" --store "$work/s" import "$second"
  if [ -n "$pdf" ]; then
    rm -rf "$work/p"; mkdir "$work/p"; "$bin" init "$work/p" >/dev/null
    measure pdfbill "$bin" --store "$work/p" import --template "$template" "$pdf"
    measure pdftotext pdftotext -layout "$pdf" "$work/p.txt"
  fi
  if [ -n "$ocrdata" ]; then
    rm -rf "$work/o"; mkdir "$work/o"; "$bin" init "$work/o" >/dev/null
    measure ocrshot "$bin" --store "$work/o" import --date 2026-11-20 "$ocrdata/screenshot-1080x2340.png"
    measure tesseract tesseract "$ocrdata/screenshot-1080x2340.png" - -l eng --psm 3
    measure ocrscan "$bin" --store "$work/o" import --date 2026-11-20 "$ocrdata/scanned-bill-10-pages.pdf"
  fi
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
row "import 1M bill lines (vs sqlite3 .import)" csv sqlite "<= 2.0 x"
row "import 1M bill lines (vs python_import_csv.py)" csv pycsv "< 1.0 x"
row "import 1M calls XML (vs xmllint --stream)" xml xmllint "<= 3.0 x"
row "import 1M calls XML (vs python_import_xml etree)" xml pyxml "<= 0.5 x"
row "import 1M new lines into a 1M-line store (vs fresh)" grown csv "<= 1.3 x"
[ -n "$pdf" ] && row "import a 50-page PDF bill (vs pdftotext -layout)" pdfbill pdftotext "<= 2.0 x"
if [ -n "$ocrdata" ]; then
  row "OCR a 1080x2340 screenshot (vs tesseract -l eng --psm 3)" ocrshot tesseract "<= 1.5 x"
  row "OCR a 10-page scanned bill at 300 dpi (whole file)" ocrscan - "256 MiB"
  awk -v t="$(median ocrscan)" 'BEGIN {printf "scanned bill: %.2f s per page\n", t / 10}'
fi
row "re-import the stored CSV (skipped)" skip - "<= 0.2 s"
row "flags on the 1M-line ledger" flags - "<= 1.0 s"
row "status on the 1M-line ledger, after a change" status - "-"
row "status on the 1M-line ledger, asked again" status2 - "<= 0.5 s"
row "status on the 1M-line ledger, two weeks later, nothing new" status3 - "<= 0.5 s"
row "cancel-check on the 1M-line ledger" check - "<= 2 s"
row "report --format html (one account)" report - "<= 3 s"
row "export (one account; vs sha256sum + zip -1)" export shazip "<= 2.0 x"

# BENCH_LARGE=1: 10M bill lines (minutes): the time per million lines at 1M and at 10M, and memory.
if [ "${BENCH_LARGE:-0}" = 1 ]; then
  large="$data/bill_lines_10m.csv"
  if [ ! -f "$large" ]; then
    gen="$here/../../shared/bench/gen_bench_data.py"; [ -f "$gen" ] || gen="$here/gen_bench_data.py"
    python3 "$gen" --rows 10000000 --calls 1 --out "$work/large" >/dev/null && mv "$work/large/bill_lines.csv" "$large"
  fi
  rm -rf "$work/l"; mkdir "$work/l"; "$bin" init "$work/l" >/dev/null
  measure large "$bin" --store "$work/l" import "$large"
  lines=$(($(wc -l <"$large") - 1))
  awk -v t1="$(median csv)" -v t10="$(cut -d' ' -f1 "$work/large")" -v n="$lines" -v m="$(peak large)" 'BEGIN {
    printf "| %-44s | %7.1f | %9s | %6s | %-10s | %7s |\n", "import 10M bill lines (s per million: 1M, 10M)", t10, "", "", "linear", m
    printf "per million lines: %.2f s at 1M, %.2f s at %dM\n", t1, t10 / (n / 1000000), n / 1000000 }'
fi
