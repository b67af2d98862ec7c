# Smoke-test the Windows installer (run by .github/workflows/release.yml on windows-latest):
# install silently for the current user into a temporary folder, check the installed files, run
# the installed app offscreen (--version, --self-test), then uninstall.
#
#     pwsh packaging/windows/smoke_test.ps1 dist\pennylane-importer-0.1.0-setup.exe
param([Parameter(Mandatory = $true)][string]$Setup)
$ErrorActionPreference = "Stop"

$version = (python packaging/version.py).Trim()
$target = Join-Path $env:RUNNER_TEMP "pennylane-importer-smoke"
if (-not $env:RUNNER_TEMP) { $target = Join-Path $env:TEMP "pennylane-importer-smoke" }
$failures = 0
function Ok($m) { Write-Host "  ok    $m" }
function Fail($m) { Write-Host "  FAIL  $m"; $script:failures++ }

Write-Host "smoke test of $Setup"
$p = Start-Process -FilePath $Setup -Wait -PassThru -ArgumentList @(
    "/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART", "/CURRENTUSER", "/TASKS=openwith", "/DIR=`"$target`"",
    "/LOG=`"$target-install.log`"")
if ($p.ExitCode -ne 0) { Get-Content "$target-install.log" -ErrorAction SilentlyContinue; throw "setup exit $($p.ExitCode)" }

$exe = Join-Path $target "pennylane-importer.exe"
foreach ($f in @($exe, "_internal\resources\icons\app.svg", "_internal\resources\i18n\app_fr.qm",
                 "_internal\PySide6\translations\qtbase_fr.qm", "unins000.exe")) {
    $path = if ([System.IO.Path]::IsPathRooted($f)) { $f } else { Join-Path $target $f }
    if (Test-Path $path) { Ok $f } else { Fail "missing $f" }
}

# The exe is windowed (no console): capture its output through redirected standard handles.
$env:QT_QPA_PLATFORM = "offscreen"
$env:PENNYLANE_IMPORTER_HOME = Join-Path $target "home"
$env:PYTHON_KEYRING_BACKEND = "keyring.backends.null.Keyring"
function Run-App([string[]]$arguments) {
    $out = "$target-out.txt"
    $proc = Start-Process -FilePath $exe -ArgumentList $arguments -Wait -PassThru -NoNewWindow `
        -RedirectStandardOutput $out -RedirectStandardError "$target-err.txt"
    return @{ Code = $proc.ExitCode; Out = (Get-Content $out -Raw -ErrorAction SilentlyContinue) + "" }
}
$r = Run-App @("--version")
if ($r.Code -eq 0 -and $r.Out -match [regex]::Escape($version)) { Ok "--version: $($r.Out.Trim())" }
else { Fail "--version exit $($r.Code): $($r.Out)" }
foreach ($lang in @("en", "fr")) {
    $env:PENNYLANE_IMPORTER_LANG = $lang
    $r = Run-App @("--self-test")
    if ($r.Code -eq 0 -and $r.Out -match "self-test ok") { Ok "--self-test ($lang): $($r.Out.Trim())" }
    else { Fail "--self-test ($lang) exit $($r.Code): $($r.Out) $(Get-Content "$target-err.txt" -Raw -ErrorAction SilentlyContinue)" }
}

$u = Start-Process -FilePath (Join-Path $target "unins000.exe") -Wait -PassThru -ArgumentList @("/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART")
if ($u.ExitCode -eq 0) { Ok "uninstall" } else { Fail "uninstall exit $($u.ExitCode)" }

if ($failures -gt 0) { Write-Host "smoke test FAILED ($failures)"; exit 1 }
Write-Host "smoke test passed"
