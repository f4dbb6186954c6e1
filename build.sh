#!/usr/bin/env bash
# Starts the compiled Cake build: ./build.sh --target=Deploy (./build.sh --help lists the options).
# When nothing under build/ or src/ changed since the last compile, the build assembly
# starts directly, without paying for an MSBuild restore and build.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

required=$(sed -n 's/.*"version"[^"]*"\([0-9.]*\)".*/\1/p' global.json | head -n 1)
major_minor=${required%.*}
if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET SDK is not installed (dotnet is not on PATH). This kit needs SDK $major_minor.x (>= $required, see global.json): https://dotnet.microsoft.com/download" >&2
  exit 3
fi
if ! dotnet --list-sdks 2>/dev/null | awk '{print $1}' | grep -q "^${major_minor//./\\.}\."; then
  echo "No .NET SDK $major_minor.x is installed; this kit pins $required (rolling forward within $major_minor, see global.json)." >&2
  echo "Installed SDKs: $(dotnet --list-sdks 2>/dev/null | awk '{print $1}' | tr '\n' ' ')" >&2
  echo "Install SDK $major_minor from https://dotnet.microsoft.com/download and run again." >&2
  exit 3
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
host_dir=build/bin/host
host=$host_dir/Build.dll
stamp=$host_dir/.inputs
inputs=(build src global.json Directory.Build.props Directory.Packages.props)

stale=yes
if [[ -f $host && -f $stamp ]]; then
  changed=$(find "${inputs[@]}" -newer "$stamp" -type f \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.json' -o -name '*.py' \) \
    -not -path '*/bin/*' -not -path '*/obj/*' -print -quit)
  [[ -z $changed ]] && stale=no
fi

if [[ $stale == yes ]]; then
  echo "Compiling the build ..." >&2
  mkdir -p "$host_dir"
  if ! dotnet build build/Build.csproj -c Release -o "$host_dir" -nologo -v quiet -clp:NoSummary >"$host_dir.log" 2>&1; then
    cat "$host_dir.log" >&2
    echo "The build project did not compile (output above, also in $host_dir.log)." >&2
    exit 3
  fi
  touch "$stamp"
fi

exec dotnet "$host" "$@"
