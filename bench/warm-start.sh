#!/usr/bin/env bash
# Warm start of the build with no source change: ./build.sh (starts the compiled host directly)
# against a plain `dotnet run --project build`, both running the trivial Info target alone.
#   bash bench/warm-start.sh [ROUNDS]     (default 5; medians and their ratio are reported)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
rounds=${1:-5}
export NO_COLOR=1
./build.sh --target=Info --exclusive >/dev/null                        # compile the host once
dotnet run --project build -c Release -- --target=Info --exclusive >/dev/null   # and the dotnet run build

time_of() {
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" 'BEGIN { print e - s }'
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
script=(); run=()
for ((i = 1; i <= rounds; i++)); do
  script+=("$(time_of ./build.sh --target=Info --exclusive)")
  run+=("$(time_of dotnet run --project build -c Release -- --target=Info --exclusive)")
  echo "round $i: build.sh ${script[-1]} s, dotnet run ${run[-1]} s"
done
s=$(printf '%s\n' "${script[@]}" | median); r=$(printf '%s\n' "${run[@]}" | median)
printf 'median: ./build.sh %.2f s, dotnet run --project build %.2f s, ratio %.2f\n' "$s" "$r" "$(awk -v s="$s" -v r="$r" 'BEGIN { print s / r }')"
