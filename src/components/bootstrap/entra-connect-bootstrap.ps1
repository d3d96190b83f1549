<#
.SYNOPSIS
  Hardens a Windows Server VM of an Entra Connect Sync deployment and, on the sync server, stages the installer.

.DESCRIPTION
  Run by the CustomScriptExtension that the components (src/components) create, as SYSTEM, on the sync server
  and on the SQL VM. It holds no decision of its own: every registry value, threshold, principal, file name and
  message text comes from the project's requirements catalogue (src/requirements) through -ConfigJson.

  In order, it:
    1. creates the working folder and gives it an explicit ACL (inheritance removed; only the listed SIDs);
    2. sets the machine's PowerShell execution policy;
    3. writes every registry value of the list (TLS 1.2, Trusted Site, NTLM restriction, Windows LAPS) and
       removes the listed values that must not linger from an earlier run;
    4. checks every threshold of the list (a registry value below its minimum fails or warns, as listed);
    5. asks Windows LAPS to process its policy (a failure warns: LAPS processes it again on its own schedule);
    6. sync server only: stages the installer from the customer's installerUrl and verifies its SHA-256, its
       Authenticode signature and signer, and the MSI's ProductVersion against each listed minimum; without an
       installerUrl it downloads nothing and leaves a README saying where an admin downloads it.

  Entra Connect has no supported silent configuration: an administrator runs the staged installer and its
  wizard interactively (see README.md of the project).

  Switching NTLM from audit to deny: read the NTLM operational log (Applications and Services Logs >
  Microsoft > Windows > NTLM > Operational) until it shows no NTLM use the server needs, then set the
  stack config `ntlmMode: deny` (with `ntlmAllowedServers` for outbound exceptions) and run `pulumi up`; the
  changed configuration re-runs this script.

.PARAMETER ConfigJson
  The JSON configuration the component builds from the catalogue (src/components/bootstrap-command.ts).
#>
[CmdletBinding()]
param(
  [Parameter(Mandatory = $true)]
  [string] $ConfigJson
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
# Windows PowerShell 5.1 redraws Invoke-WebRequest's progress bar per chunk, which slows a download many times over.
$ProgressPreference = 'SilentlyContinue'

$Config = $ConfigJson | ConvertFrom-Json

# Replaces the folder's DACL: inherited entries removed, full control for the listed SIDs only.
function Set-FolderAccess {
  param([string] $Path, [object[]] $Sids)
  $acl = [System.Security.AccessControl.DirectorySecurity]::new()
  $acl.SetAccessRuleProtection($true, $false)
  foreach ($sid in $Sids) {
    $identity = [System.Security.Principal.SecurityIdentifier]::new([string] $sid)
    $rule = [System.Security.AccessControl.FileSystemAccessRule]::new($identity, 'FullControl', 'ContainerInherit, ObjectInherit', 'None', 'Allow')
    $acl.AddAccessRule($rule)
  }
  (Get-Item -LiteralPath $Path).SetAccessControl($acl)
  Write-Output "access to ${Path}: $($Sids -join ', ') only"
}

function Set-RegistrySetting {
  param([object] $Setting)
  if (-not (Test-Path -LiteralPath $Setting.path)) { New-Item -Path $Setting.path -Force | Out-Null }
  $value = $Setting.value
  if ($Setting.type -eq 'MultiString') { $value = [string[]] $Setting.value }
  New-ItemProperty -LiteralPath $Setting.path -Name $Setting.name -PropertyType $Setting.type -Value $value -Force | Out-Null
  Write-Output "set $($Setting.path)\$($Setting.name) ($($Setting.type)) = $(@($Setting.value) -join ', ')"
}

function Remove-RegistrySetting {
  param([object] $Entry)
  if ($null -ne (Get-ItemProperty -LiteralPath $Entry.path -Name $Entry.name -ErrorAction SilentlyContinue)) {
    Remove-ItemProperty -LiteralPath $Entry.path -Name $Entry.name
    Write-Output "removed $($Entry.path)\$($Entry.name)"
  }
}

function Test-RegistryThreshold {
  param([object] $Threshold)
  $key = Get-ItemProperty -LiteralPath $Threshold.path -ErrorAction SilentlyContinue
  $observed = 0
  if ($null -ne $key -and $key.PSObject.Properties.Name -contains $Threshold.name) { $observed = [int64] $key.($Threshold.name) }
  if ($observed -lt [int64] $Threshold.minimum) {
    $message = "$($Threshold.path)\$($Threshold.name) is $observed, below $($Threshold.minimum) ($($Threshold.what)): $($Threshold.fix)."
    if ($Threshold.onBelow -eq 'fail') { throw $message }
    Write-Warning $message
  } else {
    Write-Output "$($Threshold.name) = $observed (at least $($Threshold.minimum), $($Threshold.what))"
  }
}

# A dotted version with missing parts as 0: [version] reads 1.2.3 as 1.2.3.-1, which sorts below 1.2.3.0.
function ConvertTo-FullVersion {
  param([string] $Text)
  $parts = @($Text.Trim().Split('.'))
  while ($parts.Count -lt 4) { $parts += '0' }
  return [version] ($parts -join '.')
}

# The ProductVersion row of the MSI's Property table, read through the Windows Installer COM object (read-only).
function Read-MsiProductVersion {
  param([string] $Path)
  $msiApi = New-Object -ComObject WindowsInstaller.Installer
  $database = $msiApi.GetType().InvokeMember('OpenDatabase', 'InvokeMethod', $null, $msiApi, @($Path, 0))
  $view = $database.GetType().InvokeMember('OpenView', 'InvokeMethod', $null, $database, @("SELECT Value FROM Property WHERE Property = 'ProductVersion'"))
  try {
    $view.GetType().InvokeMember('Execute', 'InvokeMethod', $null, $view, $null) | Out-Null
    $record = $view.GetType().InvokeMember('Fetch', 'InvokeMethod', $null, $view, $null)
    if ($null -eq $record) { throw "The MSI has no ProductVersion in its Property table." }
    $version = $record.GetType().InvokeMember('StringData', 'GetProperty', $null, $record, 1)
    [void] [System.Runtime.InteropServices.Marshal]::FinalReleaseComObject($record)
    return [string] $version
  } finally {
    $view.GetType().InvokeMember('Close', 'InvokeMethod', $null, $view, $null) | Out-Null
    foreach ($com in @($view, $database, $msiApi)) { [void] [System.Runtime.InteropServices.Marshal]::FinalReleaseComObject($com) }
  }
}

# Downloads the customer's installer next to its final name and keeps it only when every check passes.
function Save-VerifiedInstaller {
  param([object] $Installer, [string] $Destination)
  $download = "$Destination.download"
  # An installer staged by an earlier run goes first: what the folder holds has passed the checks of this configuration.
  Remove-Item -LiteralPath $Destination -Force -ErrorAction SilentlyContinue
  try {
    [Net.ServicePointManager]::SecurityProtocol = [Net.SecurityProtocolType]::Tls12
    Invoke-WebRequest -Uri $Installer.source.url -OutFile $download -UseBasicParsing -TimeoutSec $Installer.timeoutSeconds
    $size = (Get-Item -LiteralPath $download).Length
    if ($size -gt [int64] $Installer.maxBytes) {
      throw "The file at installerUrl is $size bytes, above the cap of $($Installer.maxBytes): check installerUrl."
    }
    $hash = (Get-FileHash -LiteralPath $download -Algorithm SHA256).Hash
    if ($hash -ne $Installer.source.sha256) {
      throw "SHA-256 check failed: the file at installerUrl has SHA-256 $hash, not installerSha256 $($Installer.source.sha256): upload the installer downloaded from the Entra admin center and set installerSha256 to its hash."
    }
    $signature = Get-AuthenticodeSignature -LiteralPath $download
    if ("$($signature.Status)" -ne 'Valid') {
      throw "Signature check failed: the installer's Authenticode signature is $($signature.Status), not Valid ($($signature.StatusMessage))."
    }
    $subject = @($signature.SignerCertificate.Subject -split ',\s*')
    if ($subject -notcontains $Installer.signer) {
      throw "Signer check failed: the installer is signed by '$($signature.SignerCertificate.Subject)', without $($Installer.signer)."
    }
    $productVersion = Read-MsiProductVersion -Path $download
    foreach ($floor in $Installer.minimumVersions) {
      if ((ConvertTo-FullVersion $productVersion) -lt (ConvertTo-FullVersion $floor.version)) {
        throw "Version check failed: the MSI's ProductVersion $productVersion is below $($floor.version), $($floor.what)."
      }
    }
    Move-Item -LiteralPath $download -Destination $Destination -Force
    return $productVersion
  } catch {
    Remove-Item -LiteralPath $download -Force -ErrorAction SilentlyContinue
    throw
  }
}

New-Item -ItemType Directory -Force -Path $Config.folder | Out-Null
Set-FolderAccess -Path $Config.folder -Sids $Config.folderAccess
Start-Transcript -Path (Join-Path $Config.folder 'bootstrap.log') -Append | Out-Null

try {
  Write-Output "role: $($Config.role); NTLM mode: $($Config.ntlmMode)"

  # Execution policy. This process itself runs with -ExecutionPolicy Bypass, so PowerShell reports that the new
  # machine policy is "overridden by a policy defined at a more specific scope": expected, not a failure.
  try {
    Set-ExecutionPolicy -ExecutionPolicy $Config.executionPolicy -Scope LocalMachine -Force
  } catch {
    if ($_.FullyQualifiedErrorId -notlike 'ExecutionPolicyOverride*') { throw }
  }
  $machinePolicy = Get-ExecutionPolicy -Scope LocalMachine
  if ("$machinePolicy" -ne $Config.executionPolicy) {
    throw "The LocalMachine execution policy is $machinePolicy, not $($Config.executionPolicy): check for a Group Policy that sets it."
  }
  Write-Output "execution policy (LocalMachine): $machinePolicy"

  foreach ($setting in $Config.registry) { Set-RegistrySetting -Setting $setting }
  foreach ($entry in $Config.removeRegistry) { Remove-RegistrySetting -Entry $entry }
  foreach ($threshold in $Config.thresholds) { Test-RegistryThreshold -Threshold $threshold }

  # Windows LAPS is built into Windows Server 2019 and 2022 since the April 2023 update. A processing failure (no
  # domain yet for backup to AD, Entra ID device not joined) must not fail the whole extension: the policy is set
  # and Windows LAPS processes it again on its own schedule.
  if (Get-Command -Name Invoke-LapsPolicyProcessing -ErrorAction SilentlyContinue) {
    try {
      Invoke-LapsPolicyProcessing
    } catch {
      Write-Warning "Windows LAPS policy processing failed ($($_.Exception.Message)): the policy is set; see the event log Microsoft-Windows-LAPS/Operational and run Invoke-LapsPolicyProcessing once the server is joined."
    }
  } else {
    Write-Warning 'Windows LAPS is not present: install the April 2023 (or later) cumulative update, then run Invoke-LapsPolicyProcessing.'
  }

  if ($null -ne $Config.installer) {
    $readme = Join-Path $Config.folder 'README.txt'
    if ($null -eq $Config.installer.source) {
      Set-Content -LiteralPath $readme -Value $Config.installer.readme
      Write-Warning ($Config.installer.readme -join ' ')
    } else {
      $msi = Join-Path $Config.folder $Config.installer.fileName
      $productVersion = Save-VerifiedInstaller -Installer $Config.installer -Destination $msi
      Set-Content -LiteralPath $readme -Value (@($Config.installer.readme) + "ProductVersion read from the MSI: $productVersion")
      Write-Output "installer staged and verified: $msi ($productVersion)"
    }
  }
}
finally {
  Stop-Transcript | Out-Null
}
