#!/usr/bin/env pwsh
# Build entry point. Run through the repo's pinned PowerShell tool:
#   dotnet tool restore
#   dotnet pwsh ./build.ps1 <target>
# Targets: build, test, run, bench, clean.
param(
    [Parameter(Position = 0)]
    [ValidateSet('build', 'test', 'run', 'bench', 'clean')]
    [string]$Target = 'build',

    # Extra arguments passed to the node on 'run' (e.g. --config my.conf) or to 'bench'.
    [Parameter(ValueFromRemainingArguments = $true)]
    [string[]]$Rest = @()
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = $PSScriptRoot
$solution = Join-Path $root 'Akka.Collector.sln'
$configuration = 'Release'

function Invoke-Step([string]$What, [scriptblock]$Action) {
    Write-Host "==> $What" -ForegroundColor Cyan
    & $Action
    if ($LASTEXITCODE -ne 0) { throw "$What failed (exit code $LASTEXITCODE)" }
}

function Invoke-Build {
    Invoke-Step 'restore' { dotnet restore $solution --nologo }
    Invoke-Step 'build' { dotnet build $solution -c $configuration --no-restore --nologo }
}

switch ($Target) {
    'clean' {
        Invoke-Step 'clean' { dotnet clean $solution -c $configuration --nologo }
    }
    'build' {
        Invoke-Build
    }
    'test' {
        Invoke-Build
        # Tests start every server they need themselves, on loopback. Recorded market data is
        # read from ../shared/data when it exists; tests that need it say so when it does not.
        $results = Join-Path $root 'artifacts/test-results'
        Invoke-Step 'test' {
            dotnet test $solution -c $configuration --no-build --nologo `
                --logger 'console;verbosity=normal' --results-directory $results
        }
    }
    'run' {
        Invoke-Step 'build node' {
            dotnet build (Join-Path $root 'src/Akka.Collector.Node') -c $configuration --nologo
        }
        $node = Join-Path $root "src/Akka.Collector.Node/bin/$configuration/net10.0/Akka.Collector.Node.dll"
        # The node's own exit code is the caller's: 2 means it refused to start and said why
        # in one line, which a PowerShell error block around it would only bury.
        Write-Host '==> run node (Ctrl+C stops it)' -ForegroundColor Cyan
        dotnet $node @Rest
        exit $LASTEXITCODE
    }
    'bench' {
        # A whole node against the mock vendor: one 1m round at 600 and 10,000 symbols against
        # the floor the vendor's latency sets, and peak memory (README, "Benchmarks"). Extra
        # arguments go to the bench, e.g. --runs 5 or --symbols 600.
        Invoke-Step 'build bench' {
            dotnet build (Join-Path $root 'tests/Akka.Collector.Bench') -c $configuration --nologo
        }
        $bench = Join-Path $root `
            "tests/Akka.Collector.Bench/bin/$configuration/net10.0/Akka.Collector.Bench.dll"
        Invoke-Step 'run bench' { dotnet $bench --out (Join-Path $root 'artifacts/bench') @Rest }
    }
}
