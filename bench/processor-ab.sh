#!/usr/bin/env bash
# Alternating A/B runs of the processor bench: two published builds, the same machine, the same
# minutes, old first in odd pairs and new first in even ones, so drift in the machine's load
# falls on both sides. Prints each run's 10,000-message row, then the medians.
#   dotnet publish bench/Processor.Bench -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o /tmp/bench-a
#   (check out the other commit, publish to /tmp/bench-b)
#   bash bench/processor-ab.sh /tmp/bench-a /tmp/bench-b [PAIRS]
set -euo pipefail
a=${1:?usage: processor-ab.sh A_DIR B_DIR [PAIRS]} b=${2:?usage: processor-ab.sh A_DIR B_DIR [PAIRS]} pairs=${3:-12}
for dir in "$a" "$b"; do
  [[ -x $dir/Processor.Bench ]] || { echo "No published bench in $dir: publish one there first (see the comment at the top of this script)." >&2; exit 2; }
done
rows=$(mktemp)
trap 'rm -f "$rows"' EXIT
for ((n = 1; n <= pairs; n++)); do
  order=(A B); ((n % 2 == 0)) && order=(B A)
  for side in "${order[@]}"; do
    dir=$a; [[ $side == B ]] && dir=$b
    row=$("$dir/Processor.Bench" 10000 2>&1 | grep '^| 10,000') || { echo "The $side build's run $n printed no 10,000-message row." >&2; exit 1; }
    echo "$n $side $row" | tee -a "$rows"
  done
done
python3 - "$rows" <<'PY'
import statistics, sys
runs = {"A": [], "B": []}
for line in open(sys.argv[1]):
    side = line.split()[1]
    cells = [c.strip().replace(",", "") for c in line.split("|")[1:-1]]
    runs[side].append([float(c) for c in cells[1:6]])
print("side  runs  ours/s  1-thread/s  DuckDB/s  ours/DuckDB  1-thread/DuckDB   (medians)")
for side, values in runs.items():
    m = [statistics.median(v[i] for v in values) for i in range(5)]
    print(f"{side:<5} {len(values):>4}  {m[0]:>7,.0f}  {m[1]:>10,.0f}  {m[2]:>8,.0f}  {m[3]:>11.2f}  {m[4]:>15.2f}")
PY
