#!/usr/bin/env bash
# The year's cycle as finance staff run it: each command a new process.
# Twelve `batch run`s of 2022 and, for each term, attest, approve and pay;
# prints each command's wall time and the year's.
#
#   benches/cli-cycle.sh DB_URL [TILSKOT_BINARY]
#
# The database must hold an imported register, no batches of 2022, and the
# users kari (finance_officer) and ola (approver) with the password in
# TILSKOT_PASSWORD. Run it from the project root (the rules directory).
set -euo pipefail
db="$1"
tilskot="${2:-./target/release/tilskot}"
out="$(mktemp -d)"
timed() {
  local start end
  start=$(date +%s.%N)
  "$tilskot" --db "$db" "$@" > "$out/last" 2>&1 || { cat "$out/last"; exit 1; }
  end=$(date +%s.%N)
  printf '%-8s %s %6.2f s\n' "$2" "${4:-}" "$(echo "$end - $start" | bc)"
}
year_start=$(date +%s.%N)
for month in 01 02 03 04 05 06 07 08 09 10 11 12; do
  timed batch run --period "2022-$month"
  if grep -q "): computed," "$out/last"; then
    timed batch attest --period "2022-$month" --user kari
    timed batch approve --period "2022-$month" --user ola
    timed batch pay --period "2022-$month" --user kari --allow-unverified-rates --out "$out/payments"
  fi
done
echo "year $(echo "$(date +%s.%N) - $year_start" | bc) s"
rm -rf "$out"
