<#
.SYNOPSIS
  Prepares a Windows Server VM for the Microsoft Entra Connect Sync wizard.

.DESCRIPTION
  Run once by the CustomScriptExtension that the EntraConnectServer component (src/components) creates, as
  SYSTEM. Every figure (registry values, .NET release, Trusted Site, installer link) comes from the project's
  requirements catalogue (src/requirements) through -ConfigJson; this script holds none of its own.

  In order, it:
    1. sets the machine's PowerShell execution policy (RemoteSigned);
    2. enables TLS 1.2 for SCHANNEL (client and server) and for .NET (both registry views);
    3. verifies .NET Framework 4.7.2 or later (fails the extension below it; warns below 4.8);
    4. adds the MFA sign-in site to the Trusted Sites zone, machine-wide (Site to Zone Assignment List);
    5. restricts NTLM: "audit" logs NTLM use; "deny" refuses it (see below);
    6. configures the Windows LAPS policy for the local administrator account;
    7. downloads the Entra Connect installer, checks its Microsoft signature and stages it with a README.

  Entra Connect has no supported silent configuration: an administrator runs the staged installer and its
  wizard interactively (see README.md of the project).

  Switching NTLM from audit to deny: read the NTLM operational log (Applications and Services Logs >
  Microsoft > Windows > NTLM > Operational) until it shows no NTLM use the sync server needs, then set the
  stack config `ntlmMode: deny` and run `pulumi up`; the changed configuration re-runs this script.

.PARAMETER ConfigJson
  The JSON configuration the component builds from the catalogue.
#>
[CmdletBinding()]
param(
  [Parameter(Mandatory = $true)]
  [string] $ConfigJson
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

# Windows constants (not requirements): the Internet Explorer zone number of Trusted Sites.
$TrustedSitesZone = '2'

$Config = $ConfigJson | ConvertFrom-Json

New-Item -ItemType Directory -Force -Path $Config.installer.folder | Out-Null
Start-Transcript -Path (Join-Path $Config.installer.folder 'bootstrap.log') -Append | Out-Null

function Set-DwordValues {
  param([object[]] $Values)
  foreach ($v in $Values) {
    if (-not (Test-Path -LiteralPath $v.key)) { New-Item -Path $v.key -Force | Out-Null }
    New-ItemProperty -LiteralPath $v.key -Name $v.name -PropertyType DWord -Value ([int] $v.dword) -Force | Out-Null
    Write-Output "set $($v.key)\$($v.name) = $($v.dword)"
  }
}

try {
  # 1. Execution policy. This process itself runs with -ExecutionPolicy Bypass, so PowerShell reports that the
  #    new machine policy is "overridden by a policy defined at a more specific scope": expected, not a failure.
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

  # 2. TLS 1.2 for SCHANNEL and .NET.
  Set-DwordValues -Values $Config.tls12

  # 3. .NET Framework release.
  $ndp = Get-ItemProperty -LiteralPath $Config.dotnet.key -ErrorAction SilentlyContinue
  $release = if ($null -ne $ndp -and $ndp.PSObject.Properties.Name -contains 'Release') { [int] $ndp.Release } else { 0 }
  if ($release -lt [int] $Config.dotnet.minimumRelease) {
    throw ".NET Framework release $release is below $($Config.dotnet.minimumRelease) (4.7.2): install .NET Framework 4.8 and re-run."
  }
  if ($release -lt [int] $Config.dotnet.recommendedRelease) {
    Write-Warning ".NET Framework release ${release}: 4.8 (release $($Config.dotnet.recommendedRelease)) is recommended."
  }
  Write-Output ".NET Framework release: $release"

  # 4. Trusted Sites, machine-wide.
  $zoneMap = 'HKLM:\SOFTWARE\Policies\Microsoft\Windows\CurrentVersion\Internet Settings\ZoneMapKey'
  if (-not (Test-Path -LiteralPath $zoneMap)) { New-Item -Path $zoneMap -Force | Out-Null }
  New-ItemProperty -LiteralPath $zoneMap -Name $Config.trustedSite -PropertyType String -Value $TrustedSitesZone -Force | Out-Null
  Write-Output "trusted site: $($Config.trustedSite)"

  # 5. NTLM restriction.
  Set-DwordValues -Values $Config.ntlm
  Write-Output "NTLM mode: $($Config.ntlmMode)"

  # 6. Windows LAPS (built into Windows Server 2019 and 2022 since the April 2023 update).
  Set-DwordValues -Values $Config.laps
  # A processing failure (no domain yet for backup to AD, Entra ID device not joined) must not fail the whole
  # extension: the policy is set and Windows LAPS processes it again on its own schedule.
  if (Get-Command -Name Invoke-LapsPolicyProcessing -ErrorAction SilentlyContinue) {
    try {
      Invoke-LapsPolicyProcessing
    } catch {
      Write-Warning "Windows LAPS policy processing failed ($($_.Exception.Message)): the policy is set; see the event log Microsoft-Windows-LAPS/Operational and run Invoke-LapsPolicyProcessing once the server is joined."
    }
  } else {
    Write-Warning 'Windows LAPS is not present: install the April 2023 (or later) cumulative update, then run Invoke-LapsPolicyProcessing.'
  }

  # 7. Stage the installer.
  $msi = Join-Path $Config.installer.folder 'AzureADConnect.msi'
  [Net.ServicePointManager]::SecurityProtocol = [Net.SecurityProtocolType]::Tls12
  Invoke-WebRequest -Uri $Config.installer.url -OutFile $msi -UseBasicParsing
  $signature = Get-AuthenticodeSignature -FilePath $msi
  if ($signature.Status -ne 'Valid' -or $signature.SignerCertificate.Subject -notmatch 'O=Microsoft Corporation') {
    Remove-Item -LiteralPath $msi -Force
    throw "The downloaded installer is not signed by Microsoft (status $($signature.Status)); it was removed."
  }
  $readme = @(
    "Entra Connect installer staged by the entra-connect-gate bootstrap.",
    "Requested build: $($Config.installer.version) or later (minimum $($Config.installer.minimumVersion)).",
    "Run AzureADConnect.msi as a local administrator and complete the wizard: Microsoft supports no silent configuration."
  )
  Set-Content -LiteralPath (Join-Path $Config.installer.folder 'README.txt') -Value $readme
  Write-Output "installer staged: $msi"
}
finally {
  Stop-Transcript | Out-Null
}
