/**
 * The arguments of the EntraConnectServer component. Every key is also a stack config key of the same name
 * (`entra-connect-gate:<key>` in stacks/Pulumi.<stack>.yaml), so a refusal names one key for both.
 * Keys the component checks at construction are plain values; the others may be Pulumi inputs.
 */
import type * as pulumi from "@pulumi/pulumi";

export interface EntraConnectServerArgs {
  /** Required. The forest's object count (users + groups + contacts + computers); sizes the server. */
  readonly objectCount: number;
  /** Required. The resource group of every resource the component creates. */
  readonly resourceGroupName: pulumi.Input<string>;
  /** Azure region. Default: the resource group's region (the provider's default location). */
  readonly location?: pulumi.Input<string>;
  /** Required. Resource id of the existing subnet for the NIC(s). */
  readonly subnetId: pulumi.Input<string>;
  /** Required. Domain controller addresses or CIDRs; the NSG opens the DC port table to them. */
  readonly domainControllers: readonly string[];
  /** CIDRs allowed to RDP to the server (an admin network or the Bastion subnet). Default: none. */
  readonly adminAccessPrefixes?: readonly string[];
  /**
   * DNS servers of the NICs (sync server and SQL VM), such as the DCs' addresses, so that the domain join finds
   * the AD domain. Default: the virtual network's DNS settings. "AzureProvidedDNS" alone switches to Azure DNS.
   */
  readonly dnsServers?: readonly string[];
  /**
   * true: both NSGs (sync server and SQL VM) end their outbound rules with a deny of all other outbound traffic at
   * the last NSG priority, after the allows the servers need: the DC port table, DNS to `dnsServers`, HTTPS 443 to
   * Entra ID (service tag AzureActiveDirectory) and to the internet (Entra Connect's and Windows Update's endpoints are
   * host names an NSG cannot filter), HTTP 80 for CRL/OCSP, TCP 1688 to Azure KMS for Windows activation, and the
   * `installerUrl` host when 443 to the internet does not reach it. The VM agent, extension packages and Azure DNS go
   * through 168.63.129.16, which no NSG rule filters. Default false: the outbound allows document the paths but
   * restrict nothing (Azure's default AllowInternetOutBound and AllowVnetOutBound admit everything).
   */
  readonly restrictOutbound?: boolean;
  /** Windows Server version: "2022" (default), "2019", or "2016" (allowed with a warning). */
  readonly osVersion?: string;
  /**
   * A Windows Server marketplace SKU (publisher MicrosoftWindowsServer, offer WindowsServer) that replaces the
   * catalogue's image for `osVersion`. Default: none. It must be a Gen2 Desktop Experience image.
   */
  readonly imageSku?: string;
  /** Azure VM size. Default: the smallest Dsv5 size that meets the sizing tier; an override must meet it too. */
  readonly vmSize?: string;
  /** OS disk in GB. Default: the tier's disk rounded up to a Premium SSD size; an override must meet the tier. */
  readonly osDiskSizeGb?: number;
  /** "auto" (default: LocalDB below 100,000 objects, else full SQL), "localdb" or "sql". */
  readonly database?: string;
  /** SQL Server version of the sync database VM: "2022" (default) or "2019". */
  readonly sqlVersion?: string;
  /** Collation of the sync database instance. Default SQL_Latin1_General_CP1_CI_AS; must be case-insensitive. */
  readonly sqlCollation?: string;
  /** Azure VM size of the SQL VM. Default: the catalogue's SQL sizing for the object count. */
  readonly sqlVmSize?: string;
  /** Private TCP port of the SQL Server. Default 1433. */
  readonly sqlPort?: number;
  /** Local administrator name. Default "entraadmin". */
  readonly adminUsername?: pulumi.Input<string>;
  /** Required. Local administrator password of the sync server; the component marks it secret. */
  readonly adminPassword: pulumi.Input<string>;
  /**
   * Local administrator password of the SQL VM (its own, never the sync server's); required with full SQL, marked
   * secret. Windows LAPS takes it over once the VM is joined.
   */
  readonly sqlAdminPassword?: pulumi.Input<string>;
  /** AD DNS domain to join, e.g. corp.example.com. Default: no join (the bootstrap warns). */
  readonly domainJoinDomain?: string;
  /** Distinguished name of the OU for the computer account. Default: the domain's Computers container. */
  readonly domainJoinOuPath?: string;
  /** Account (without domain) allowed to join computers. Required with `domainJoinDomain`. */
  readonly domainJoinAccount?: string;
  /** Password of `domainJoinAccount`; required with `domainJoinDomain`; goes to protected settings only. */
  readonly domainJoinPassword?: pulumi.Input<string>;
  /** Entra Connect build to stage. Default: the newest build the catalogue knows; never below 2.5.79.0. */
  readonly entraConnectVersion?: string;
  /**
   * https URL of your copy of the Entra Connect Sync MSI (downloaded from the Microsoft Entra admin center), such
   * as a storage blob the server can read. Required with `installerSha256`. Default: none; the bootstrap
   * downloads nothing and leaves a README saying where an admin downloads the installer. A plain value (it is
   * checked at construction), so the stack file holds it: give a SAS token read-only rights and an expiry soon
   * after `pulumi up`. On the VM it reaches the extension's protected settings only.
   */
  readonly installerUrl?: string;
  /**
   * SHA-256 of the file at `installerUrl` (64 hex digits, as `Get-FileHash` prints it). Required with
   * `installerUrl`. The bootstrap also checks the Microsoft signature and that the MSI's ProductVersion is at
   * least `entraConnectVersion` and the catalogue minimum; any failure fails the extension, naming the check.
   */
  readonly installerSha256?: string;
  /** NTLM restriction the bootstrap sets: "audit" (default) or "deny" (after the audit log is clean). */
  readonly ntlmMode?: string;
  /**
   * Under `ntlmMode: deny`, the servers this server may still send NTLM to (ClientAllowedNTLMServers): NetBIOS
   * or DNS names, one `*` wildcard allowed per name. Default: none. Refused with `audit` (it has no effect).
   */
  readonly ntlmAllowedServers?: readonly string[];
  /** Where Windows LAPS backs up the local administrator password: "active-directory" (default) or "entra-id". */
  readonly lapsBackupDirectory?: string;
  /** Extra tags on every resource; the entra-connect-* tags always win. */
  readonly tags?: Readonly<Record<string, string>>;
}
