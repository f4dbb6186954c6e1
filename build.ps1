#!/usr/bin/env pwsh
# Starts the compiled Cake build: ./build.ps1 --target=Deploy (./build.ps1 --help lists the options).
# When nothing under build/ or src/Deployment/ changed since the last compile, the build assembly
# starts directly, without paying for an MSBuild restore and build.
$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot

$required = (Get-Content global.json -Raw | ConvertFrom-Json).sdk.version
$majorMinor = $required.Substring(0, $required.LastIndexOf('.'))
if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) {
    Write-Error "The .NET SDK is not installed (dotnet is not on PATH). This kit needs SDK $majorMinor.x (>= $required, see global.json): https://dotnet.microsoft.com/download"
    exit 3
}
$sdks = & dotnet --list-sdks | ForEach-Object { ($_ -split ' ')[0] }
if (-not ($sdks | Where-Object { $_.StartsWith("$majorMinor.") })) {
    Write-Error "No .NET SDK $majorMinor.x is installed; this kit pins $required (see global.json). Installed: $($sdks -join ', '). Install SDK $majorMinor from https://dotnet.microsoft.com/download."
    exit 3
}

$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$hostDir = 'build/bin/host'
$hostDll = "$hostDir/Build.dll"
$stamp = "$hostDir/.inputs"
$inputs = 'build', 'src', 'global.json', 'Directory.Build.props', 'Directory.Packages.props'

$stale = $true
if ((Test-Path $hostDll) -and (Test-Path $stamp)) {
    $since = (Get-Item $stamp).LastWriteTimeUtc
    $changed = Get-ChildItem $inputs -Recurse -File -Include *.cs, *.csproj, *.props, *.json |
        Where-Object { $_.FullName -notmatch '[\\/](bin|obj)[\\/]' -and $_.LastWriteTimeUtc -gt $since } |
        Select-Object -First 1
    $stale = [bool]$changed
}

if ($stale) {
    Write-Host 'Compiling the build ...'
    New-Item -ItemType Directory -Force $hostDir | Out-Null
    & dotnet build build/Build.csproj -c Release -o $hostDir -nologo -v quiet -clp:NoSummary *> "$hostDir.log"
    if ($LASTEXITCODE -ne 0) {
        Get-Content "$hostDir.log" | Write-Host
        Write-Error "The build project did not compile (output above, also in $hostDir.log)."
        exit 3
    }
    New-Item -ItemType File -Force $stamp | Out-Null
}

& dotnet $hostDll @args
exit $LASTEXITCODE
