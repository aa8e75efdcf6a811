#!/usr/bin/env bash
# Times `evidence import` of the generated bill CSV into a fresh store, beside sqlite3's own
# .import of the same file, and reports median wall time and peak memory (/usr/bin/time -v).
set -euo pipefail
bin=$(realpath "$1"); data=$(realpath "$2"); runs=${RUNS:-3}
csv="$data/bill_lines.csv"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (apt-get install time)"; exit 1; }

measure() { # label, command...: prints seconds and peak KiB of one run
  /usr/bin/time -f "%e %M" -o "$work/t" "$@" >/dev/null 2>"$work/err" || { cat "$work/err"; exit 1; }
  cat "$work/t"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "file: $csv ($(du -h "$csv" | cut -f1), $(($(wc -l <"$csv") - 1)) lines), $runs runs each"
: >"$work/ev"; : >"$work/sq"; : >"$work/mem"; : >"$work/skip"
for i in $(seq "$runs"); do
  rm -rf "$work/s" "$work/db"; mkdir "$work/s"; "$bin" init "$work/s" >/dev/null
  read -r secs kib < <(measure "$bin" --store "$work/s" import "$csv")
  echo "$secs" >>"$work/ev"; echo "$kib" >>"$work/mem"
  read -r secs _ < <(measure "$bin" --store "$work/s" import "$csv")
  echo "$secs" >>"$work/skip"
  read -r secs _ < <(measure sqlite3 "$work/db" -cmd ".mode csv" ".import $csv bill_lines")
  echo "$secs" >>"$work/sq"
done
# The rules and the cancellation check on the last run's store (1,000,000 entries).
: >"$work/flags"; : >"$work/check"
for i in $(seq "$runs"); do
  read -r secs kib < <(measure "$bin" --store "$work/s" flags --as-of 2026-12-31 --format json)
  echo "$secs $kib" >>"$work/flags"
  /usr/bin/time -f "%e %M" -o "$work/t" "$bin" --store "$work/s" cancel-check --as-of 2026-12-31 >/dev/null 2>&1 || true
  tail -1 "$work/t" >>"$work/check"
done
ev=$(median <"$work/ev"); sq=$(median <"$work/sq"); skip=$(median <"$work/skip")
mem=$(sort -n "$work/mem" | tail -1)
printf '%-40s %8s s\n' "evidence import (fresh store)" "$ev"
printf '%-40s %8s s\n' "sqlite3 .import (yardstick)" "$sq"
printf '%-40s %8s x\n' "ratio" "$(awk -v a="$ev" -v b="$sq" 'BEGIN {printf "%.2f", a / b}')"
printf '%-40s %8s MiB\n' "evidence import peak memory" "$(awk -v k="$mem" 'BEGIN {printf "%.1f", k / 1024}')"
printf '%-40s %8s s\n' "re-import of the same file (skipped)" "$skip"
printf '%-40s %8s s\n' "evidence flags (all rules, all accounts)" "$(cut -d' ' -f1 "$work/flags" | median)"
printf '%-40s %8s MiB\n' "evidence flags peak memory" "$(cut -d' ' -f2 "$work/flags" | sort -n | tail -1 | awk '{printf "%.1f", $1 / 1024}')"
printf '%-40s %8s s\n' "evidence cancel-check" "$(cut -d' ' -f1 "$work/check" | median)"
