#!/usr/bin/env bash
# Warm, no-change Plan on the local environment against bare `terraform plan` of the same stacks
# run one after another, measured in the same script (the machine is noisy: compare the ratio).
# Needs a deployed local environment: ./build.sh --target=Deploy first.
#   bash bench/plan-speed.sh [ROUNDS]     (default 3; the medians are reported)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
rounds=${1:-3}
state=.state/local
[[ -f $state/emulator.json ]] || { echo "No local environment: run ./build.sh --target=Deploy first." >&2; exit 2; }
endpoint=$(python3 -c "import json; print(json.load(open('$state/emulator.json'))['Endpoint'])")
export NO_COLOR=1

./build.sh --target=Plan --verbosity=quiet >/dev/null   # warm: init done, inputs written, host compiled

bare_plan() {
  local total=0
  for stack in registry storage iam compute; do
    local start=$(date +%s.%N)
    ( cd terraform/stacks/$stack && \
      TF_DATA_DIR=$PWD/../../../$state/terraform/$stack/.terraform \
      TF_CLI_CONFIG_FILE=$PWD/../../../$state/terraform/terraform.tfrc \
      AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1 AWS_ENDPOINT_URL=$endpoint \
      terraform plan -input=false -lock-timeout=30s -detailed-exitcode \
        -var-file=../../environments/local.tfvars -var-file=../../../$state/terraform/$stack/inputs.tfvars.json \
        >/dev/null ) || [[ $? == 2 ]]
    total=$(awk -v t="$total" -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { print t + e - s }')
  done
  echo "$total"
}

kit_plan() {
  local start=$(date +%s.%N)
  ./build.sh --target=Plan --verbosity=quiet >/dev/null
  awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { print e - s }'
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

bare=(); kit=()
for ((i = 1; i <= rounds; i++)); do
  bare+=("$(bare_plan)"); kit+=("$(kit_plan)")
  echo "round $i: bare terraform plan x4 = ${bare[-1]} s, ./build.sh --target=Plan = ${kit[-1]} s"
done
b=$(printf '%s\n' "${bare[@]}" | median); k=$(printf '%s\n' "${kit[@]}" | median)
printf 'median: bare %.1f s, kit Plan %.1f s, ratio %.2f (target <= 0.80)\n' "$b" "$k" "$(awk -v k="$k" -v b="$b" 'BEGIN { print k / b }')"
