<#
.SYNOPSIS
  Reads the facts `entra-gate preflight server` judges on a Microsoft Entra Connect Sync server, and prints them
  as one compact JSON document.

.DESCRIPTION
  Written by `npx entra-gate server-script`. Runs in Windows PowerShell 5.1 with inbox modules only, as a local
  administrator (or SYSTEM, as Azure Run Command runs it). It changes nothing on the server: it reads registry
  values, local groups, the user rights (secedit /export to a temporary file it deletes), two event logs, file
  sizes, the SQL Server setting max server memory (a SELECT), and the certificate chain that
  login.microsoftonline.com presents. Every path, value name, event id and figure comes from the data block
  below, generated from the project's requirements catalogue; this script decides nothing.

  Each fact is its value, null (read, and not there), or {"error": "..."} (could not be read). When the document
  would pass the output limit (Run Command returns only the last 4,096 bytes), it prints
  {"tool": "...", "gzipBase64": "..."} instead: the same document, gzipped and base64-encoded.

  Usage: powershell.exe -NoProfile -ExecutionPolicy Bypass -File entra-gate-server-facts.ps1 > facts.json
  then:  npx entra-gate preflight server --facts facts.json
#>
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
# Windows PowerShell 5.1 serialises a PSObject-wrapped array as {"value": [...], "Count": n}; without the
# System.Array type data it writes the plain array. This changes this session only.
Remove-TypeData -TypeName System.Array -ErrorAction SilentlyContinue

$ConfigJson = @'
__ENTRA_GATE_COLLECTOR_DATA__
'@
$Config = $ConfigJson | ConvertFrom-Json

function Limit-Text {
  param([object] $Text)
  $s = "$Text" -replace '\s+', ' '
  if ($s.Length -gt [int] $Config.textCap) { $s = $s.Substring(0, [int] $Config.textCap) }
  return $s
}

function New-Unread {
  param([object] $Reason)
  return [ordered]@{ error = (Limit-Text $Reason) }
}

# Runs a reader; an exception becomes {"error": ...}. A reader returns an array with a leading comma (,@(...)).
function Invoke-Fact {
  param([scriptblock] $Reader)
  try { & $Reader } catch { New-Unread $_.Exception.Message }
}

function Test-HasProperty {
  param([object] $Object, [string] $Name)
  return $null -ne $Object.PSObject.Properties[$Name]
}

# A registry value as data (null when absent); without a name, the number of values the key holds (null when
# the key does not exist).
function Read-RegistryFact {
  param([string] $Key, [object] $Name)
  try {
    $item = Get-Item -LiteralPath $Key -ErrorAction Stop
  } catch [System.Management.Automation.ItemNotFoundException] {
    return $null
  } catch {
    return New-Unread $_.Exception.Message
  }
  if ($null -eq $Name) { return $item.ValueCount }
  $value = $item.GetValue([string] $Name, $null)
  if ($null -eq $value) { return $null }
  if ($value -is [byte[]]) { return "binary:$($value.Length)" }
  if ($value -is [string[]]) { return , @($value | ForEach-Object { Limit-Text $_ }) }
  if ($value -is [int] -or $value -is [long]) { return $value }
  return Limit-Text $value
}

function Read-Registry {
  $facts = [ordered]@{}
  foreach ($p in $Config.registry.PSObject.Properties) {
    $name = if (Test-HasProperty $p.Value 'name') { $p.Value.name } else { $null }
    $facts[$p.Name] = Read-RegistryFact -Key $p.Value.key -Name $name
  }
  return $facts
}

function Read-ExecutionPolicy {
  $list = [ordered]@{}
  foreach ($e in Get-ExecutionPolicy -List) { $list["$($e.Scope)"] = "$($e.ExecutionPolicy)" }
  return $list
}

# Loaded user hives (admins signed in) whose Trusted Sites hold the MFA site.
function Read-TrustedSiteUsers {
  $found = @()
  $hives = Get-ChildItem -LiteralPath 'Registry::HKEY_USERS' | Where-Object { $_.PSChildName -match '^S-1-5-21-[0-9-]+$' }
  foreach ($hive in $hives) {
    foreach ($location in $Config.trustedSiteLocations) {
      $value = Read-RegistryFact -Key "Registry::HKEY_USERS\$($hive.PSChildName)\$($location.key)" -Name $location.name
      if ($null -ne $value -and "$value" -eq "$($Config.trustedSitesZone)") {
        $found += [ordered]@{ sid = $hive.PSChildName; location = $location.id }
      }
    }
  }
  return , @($found)
}

# Events of a log with the given ids, newest first, at most $Config.eventReadCap; an empty list when none.
function Get-LogEvents {
  param([string] $Log, [int[]] $Ids, [int] $Max)
  try {
    return , @(Get-WinEvent -FilterHashtable @{ LogName = $Log; Id = $Ids } -MaxEvents $Max -ErrorAction Stop)
  } catch {
    if ($_.FullyQualifiedErrorId -like 'NoMatchingEventsFound*') { return , @() }
    throw
  }
}

function Resolve-Principal {
  param([System.Security.Principal.SecurityIdentifier] $Sid)
  $name = try { $Sid.Translate([System.Security.Principal.NTAccount]).Value } catch { $Sid.Value }
  return [ordered]@{ name = (Limit-Text $name); sid = $Sid.Value }
}

function Read-LocalGroup {
  param([string] $GroupSid)
  $sid = New-Object System.Security.Principal.SecurityIdentifier($GroupSid)
  $groupName = $sid.Translate([System.Security.Principal.NTAccount]).Value.Split('\')[-1]
  $group = [ADSI]"WinNT://$env:COMPUTERNAME/$groupName,group"
  $members = @($group.Invoke('Members'))
  $listed = @()
  foreach ($m in ($members | Select-Object -First ([int] $Config.groupMembersCap))) {
    $bytes = [byte[]] $m.GetType().InvokeMember('objectSid', 'GetProperty', $null, $m, $null)
    $listed += Resolve-Principal (New-Object System.Security.Principal.SecurityIdentifier($bytes, 0))
  }
  return [ordered]@{ count = $members.Count; members = @($listed) }
}

# Principals holding a user right, from secedit's export of the local policy (a temporary file, deleted).
function Read-UserRight {
  param([string] $Right)
  $file = Join-Path $env:TEMP ("entra-gate-rights-{0}.inf" -f [guid]::NewGuid())
  try {
    & secedit.exe /export /areas USER_RIGHTS /cfg $file /quiet | Out-Null
    if ($LASTEXITCODE -ne 0) { throw "secedit /export ended with exit code $LASTEXITCODE" }
    $line = Get-Content -LiteralPath $file | Where-Object { $_ -match "^\s*$Right\s*=" } | Select-Object -First 1
    $holders = @()
    if ($null -ne $line) {
      foreach ($entry in ($line -replace '^[^=]*=\s*', '').Split(',')) {
        $entry = $entry.Trim()
        if ($entry -eq '') { continue }
        if ($entry.StartsWith('*')) {
          $holders += Resolve-Principal (New-Object System.Security.Principal.SecurityIdentifier($entry.Substring(1)))
        } else {
          $sid = try { (New-Object System.Security.Principal.NTAccount($entry)).Translate([System.Security.Principal.SecurityIdentifier]).Value } catch { $entry }
          $holders += [ordered]@{ name = (Limit-Text $entry); sid = $sid }
        }
      }
    }
    return , @($holders)
  } finally {
    Remove-Item -LiteralPath $file -Force -ErrorAction SilentlyContinue
  }
}

function Read-EntraConnectUninstall {
  $found = @()
  foreach ($root in $Config.entraConnect.uninstallKeys) {
    if (-not (Test-Path -LiteralPath $root)) { continue }
    foreach ($entry in Get-ChildItem -LiteralPath $root) {
      $name = $entry.GetValue('DisplayName', $null)
      if ($null -ne $name -and @($Config.entraConnect.names) -contains $name) {
        $found += [ordered]@{ name = (Limit-Text $name); version = (Limit-Text $entry.GetValue('DisplayVersion', '')) }
      }
    }
  }
  return , @($found)
}

function Read-AdSyncServiceVersion {
  param([object] $ImagePath)
  if ($null -eq $ImagePath) { return $null }
  if ($ImagePath -is [System.Collections.IDictionary]) { throw $ImagePath['error'] }
  $path = [Environment]::ExpandEnvironmentVariables(("$ImagePath" -replace '^\s*"([^"]+)".*$', '$1'))
  return Limit-Text (Get-Item -LiteralPath $path).VersionInfo.ProductVersion
}

function Read-LocalDbFiles {
  if (-not (Test-Path -LiteralPath $Config.localDb.folder)) { return , @() }
  $files = Get-ChildItem -LiteralPath $Config.localDb.folder -Recurse -File | Where-Object { $_.Name -match $Config.localDb.pattern }
  return , @($files | ForEach-Object { [ordered]@{ name = (Limit-Text $_.Name); bytes = $_.Length } })
}

function Read-MemoryMb {
  return [math]::Round((Get-CimInstance -ClassName Win32_ComputerSystem).TotalPhysicalMemory / [math]::Pow(1024, 2))
}

function Read-MaxServerMemory {
  param([string] $Service)
  $server = if ($Service -eq 'MSSQLSERVER') { '.' } else { '.\' + $Service.Substring($Service.IndexOf('$') + 1) }
  $seconds = [math]::Max(1, [int] ($Config.timeoutMs / 1000))
  $connection = New-Object System.Data.SqlClient.SqlConnection("Server=$server;Integrated Security=SSPI;Connect Timeout=$seconds;Application Name=entra-gate-collector")
  try {
    $connection.Open()
    $command = $connection.CreateCommand()
    $command.CommandTimeout = $seconds
    $command.CommandText = 'SELECT CONVERT(bigint, value_in_use) FROM sys.configurations WHERE name = @name'
    [void] $command.Parameters.AddWithValue('@name', [string] $Config.sql.maxMemoryConfigName)
    return [long] $command.ExecuteScalar()
  } finally {
    $connection.Dispose()
  }
}

function Read-SqlInstances {
  $instances = @()
  foreach ($service in (Get-Service | Where-Object { $_.Name -match $Config.sql.servicePattern })) {
    $instances += [ordered]@{ service = $service.Name; maxServerMemoryMb = (Invoke-Fact { Read-MaxServerMemory -Service $service.Name }) }
  }
  return , @($instances)
}

# The chain the TLS endpoint presents to this server, leaf first, as subject common names.
function Read-TlsChain {
  $timeout = [int] $Config.timeoutMs
  $client = New-Object System.Net.Sockets.TcpClient
  try {
    $pending = $client.BeginConnect($Config.tls.host, [int] $Config.tls.port, $null, $null)
    if (-not $pending.AsyncWaitHandle.WaitOne($timeout)) { throw "no TCP connection to $($Config.tls.host):$($Config.tls.port) within $timeout ms" }
    $client.EndConnect($pending)
    $client.ReceiveTimeout = $timeout
    $client.SendTimeout = $timeout
    $script:TlsChainNames = @()
    # Accepts any certificate: the point is to record what is presented, trusted or not. Nothing is sent.
    $callback = [System.Net.Security.RemoteCertificateValidationCallback] {
      param($source, $certificate, $chain, $errors)
      $script:TlsChainNames = @($chain.ChainElements | ForEach-Object { Limit-Text $_.Certificate.GetNameInfo([System.Security.Cryptography.X509Certificates.X509NameType]::SimpleName, $false) })
      return $true
    }
    $ssl = New-Object System.Net.Security.SslStream($client.GetStream(), $false, $callback)
    try {
      $ssl.AuthenticateAsClient($Config.tls.host, $null, [System.Security.Authentication.SslProtocols]::Tls12, $false)
    } finally {
      $ssl.Dispose()
    }
    return , @($script:TlsChainNames)
  } finally {
    $client.Close()
  }
}

$registry = Read-Registry
$facts = [ordered]@{
  schemaVersion         = $Config.schemaVersion
  tool                  = $Config.tool
  collectedAt           = [DateTime]::UtcNow.ToString('yyyy-MM-ddTHH:mm:ssZ')
  computer              = Limit-Text $env:COMPUTERNAME
  registry              = $registry
  executionPolicy       = Invoke-Fact { Read-ExecutionPolicy }
  trustedSiteUsers      = Invoke-Fact { Read-TrustedSiteUsers }
  ntlmAuditEvents       = Invoke-Fact { (Get-LogEvents -Log $Config.ntlm.log -Ids $Config.ntlm.auditEventIds -Max $Config.eventReadCap).Count }
  lapsLastBackup        = Invoke-Fact {
    $last = Get-LogEvents -Log $Config.laps.log -Ids $Config.laps.backupEventIds -Max 1
    if ($last.Count -eq 0) { $null } else { $last[0].TimeCreated.ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ssZ') }
  }
  administrators        = Invoke-Fact { Read-LocalGroup -GroupSid $Config.groups.administrators }
  remoteDesktopUsers    = Invoke-Fact { Read-LocalGroup -GroupSid $Config.groups.remoteDesktopUsers }
  remoteLogonRight      = Invoke-Fact { Read-UserRight -Right $Config.remoteLogonRight }
  entraConnectUninstall = Invoke-Fact { Read-EntraConnectUninstall }
  adSyncServiceVersion  = Invoke-Fact { Read-AdSyncServiceVersion -ImagePath $registry[$Config.entraConnect.imagePathFact] }
  localDbFiles          = Invoke-Fact { Read-LocalDbFiles }
  memoryMb              = Invoke-Fact { Read-MemoryMb }
  sqlInstances          = Invoke-Fact { Read-SqlInstances }
  tlsChain              = Invoke-Fact { Read-TlsChain }
}

$json = $facts | ConvertTo-Json -Depth 6 -Compress
$bytes = [System.Text.Encoding]::UTF8.GetBytes($json)
if ($bytes.Length -gt [int] $Config.outputLimitBytes) {
  $buffer = New-Object System.IO.MemoryStream
  $gzip = New-Object System.IO.Compression.GZipStream($buffer, [System.IO.Compression.CompressionMode]::Compress)
  $gzip.Write($bytes, 0, $bytes.Length)
  $gzip.Close()
  $json = [ordered]@{ tool = $Config.tool; gzipBase64 = [Convert]::ToBase64String($buffer.ToArray()) } | ConvertTo-Json -Compress
}
Write-Output $json
