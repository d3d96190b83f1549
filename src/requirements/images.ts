/**
 * The OS matrix and marketplace image classification: publisher/offer/sku to Windows version, installation
 * option (Desktop Experience, Core, Nano), servicing channel, SQL Server version and VM generation.
 */

export type WindowsServerVersion = "2008" | "2008-r2" | "2012" | "2012-r2" | "2016" | "2019" | "2022" | "2025";
export type SqlServerVersion = "2012" | "2014" | "2016" | "2017" | "2019" | "2022" | "2025";

export interface ImageReference {
  readonly publisher?: string;
  readonly offer?: string;
  readonly sku?: string;
  readonly version?: string;
  /** A custom or managed image id. */
  readonly id?: string;
  readonly sharedGalleryImageId?: string;
  readonly communityGalleryImageId?: string;
}

export type ImageClassification =
  | {
      readonly kind: "windows-server";
      readonly windowsVersion: WindowsServerVersion;
      readonly installation: "desktop" | "core" | "nano";
      readonly channel: "ltsc" | "semi-annual" | "annual";
      readonly azureEdition: boolean;
      readonly gen2: boolean;
      /** Set for SQL Server marketplace images (SQL on Windows). */
      readonly sqlVersion?: SqlServerVersion;
      /** Windows Server Essentials or Small Business Server. */
      readonly essentials: boolean;
    }
  | { readonly kind: "windows-client"; readonly description: string }
  | { readonly kind: "unknown"; readonly reason: string };

/** The marketplace images the component deploys. */
export const SERVER_IMAGES = {
  "2022": { publisher: "MicrosoftWindowsServer", offer: "WindowsServer", sku: "2022-datacenter-g2", version: "latest" },
  "2019": { publisher: "MicrosoftWindowsServer", offer: "WindowsServer", sku: "2019-datacenter-gensecond", version: "latest" },
  "2016": { publisher: "MicrosoftWindowsServer", offer: "WindowsServer", sku: "2016-datacenter-gensecond", version: "latest" },
} as const satisfies Record<string, ImageReference>;

/** SQL Server on Windows Server marketplace images for the sync database. */
export const SQL_IMAGES = {
  "2022": { publisher: "MicrosoftSQLServer", offer: "sql2022-ws2022", sku: "standard-gen2", version: "latest" },
  "2019": { publisher: "MicrosoftSQLServer", offer: "sql2019-ws2022", sku: "standard-gen2", version: "latest" },
} as const satisfies Record<string, ImageReference>;

const lc = (s: string | undefined): string => (s ?? "").trim().toLowerCase();

function windowsVersionOf(sku: string): WindowsServerVersion | undefined {
  const m = /^(2008|2012|2016|2019|2022|2025)(-r2)?(?=-|$)/.exec(sku);
  if (!m) return undefined;
  return (m[2] ? `${m[1]}-r2` : m[1]) as WindowsServerVersion;
}

function isGen2(sku: string, offer: string): boolean {
  return /(^|-)(g2|gen2|gensecond)($|-)/.test(sku) || /(^|-)gen2($|-)/.test(offer) || sku.includes("azure-edition");
}

function classifyWindowsServer(offer: string, sku: string): ImageClassification {
  const installation = /(^|-)nano($|-)/.test(sku) ? "nano" : /(^|-)(core|server-core)($|-)/.test(sku) ? "core" : "desktop";
  const essentials = /(essentials|small-?business|(^|-)sbs($|-))/.test(sku);
  const base = { kind: "windows-server" as const, azureEdition: sku.includes("azure-edition"), gen2: isGen2(sku, offer), essentials };
  // Semi-Annual Channel: offer WindowsServerSemiAnnual, or skus such as datacenter-core-1903-... / -20h2-.
  const sac = /^datacenter-core-(\d{4}|\d{2}h\d)/.exec(sku);
  if (offer === "windowsserversemiannual" || sac) {
    return { ...base, windowsVersion: "2019", installation: "core", channel: "semi-annual" };
  }
  // Annual Channel: 23h2-datacenter-core and later.
  if (/^\d{2}h\d-/.test(sku)) {
    return { ...base, windowsVersion: "2022", installation: "core", channel: "annual" };
  }
  const windowsVersion = windowsVersionOf(sku);
  if (!windowsVersion) return { kind: "unknown", reason: `sku "${sku}" names no Windows Server version` };
  return { ...base, windowsVersion, installation, channel: "ltsc" };
}

function classifySqlImage(offer: string, sku: string): ImageClassification {
  const m = /^sql(\d{4})-ws(\d{4})/.exec(offer);
  if (!m) return { kind: "unknown", reason: `SQL Server offer "${offer}" does not name SQL and Windows versions (sqlYYYY-wsYYYY)` };
  const windowsVersion = windowsVersionOf(m[2] ?? "");
  if (!windowsVersion) return { kind: "unknown", reason: `SQL Server offer "${offer}" names an unknown Windows version` };
  return {
    kind: "windows-server",
    windowsVersion,
    installation: "desktop",
    channel: "ltsc",
    azureEdition: false,
    gen2: isGen2(sku, offer),
    essentials: false,
    sqlVersion: m[1] as SqlServerVersion,
  };
}

/**
 * Classifies a marketplace image reference, case-insensitively and whatever the SKU suffixes (smalldisk, g2,
 * gensecond, zhcn, hotpatch, with-containers, azure-edition). Custom, shared and community gallery images and
 * unknown publishers are `unknown`: the caller decides how to approve them.
 */
export function classifyImage(image: ImageReference): ImageClassification {
  if (image.id) return { kind: "unknown", reason: `custom image id "${image.id}"` };
  if (image.sharedGalleryImageId) return { kind: "unknown", reason: `shared gallery image "${image.sharedGalleryImageId}"` };
  if (image.communityGalleryImageId) return { kind: "unknown", reason: `community gallery image "${image.communityGalleryImageId}"` };
  const publisher = lc(image.publisher);
  const offer = lc(image.offer);
  const sku = lc(image.sku);
  if (!publisher || !offer || !sku) return { kind: "unknown", reason: "the image reference lacks a publisher, offer or sku" };
  if (publisher === "microsoftwindowsdesktop") return { kind: "windows-client", description: `${image.offer} ${image.sku}` };
  if (publisher === "microsoftsqlserver") return classifySqlImage(offer, sku);
  if (publisher === "microsoftwindowsserver") {
    if (offer === "windowsserver" || offer === "windowsserversemiannual" || offer.startsWith("windowsserver"))
      return classifyWindowsServer(offer, sku);
  }
  return {
    kind: "unknown",
    reason: `publisher "${image.publisher}", offer "${image.offer}" is not a Microsoft Windows Server or SQL Server image`,
  };
}

export type OsVerdict =
  | { readonly status: "allowed"; readonly note?: string }
  | { readonly status: "warn"; readonly reason: string }
  | { readonly status: "refused"; readonly reason: string };

export interface OsPolicyOptions {
  /** Accept Windows Server 2025 once Microsoft supports it for Connect Sync. Default false. */
  readonly allowWindowsServer2025?: boolean;
}

/** Windows Server versions allowed for the sync server, best first. */
export const SUPPORTED_SERVER_VERSIONS = ["2022", "2019"] as const;
/** Allowed with a warning: extended support only. */
export const WARNED_SERVER_VERSIONS = ["2016"] as const;

/** The OS matrix: whether a classified image may host Entra Connect Sync. */
export function osVerdict(c: ImageClassification, options: OsPolicyOptions = {}): OsVerdict {
  if (c.kind === "windows-client") return { status: "refused", reason: `Windows client image (${c.description}) is not a server OS` };
  if (c.kind === "unknown") return { status: "refused", reason: `the image cannot be classified: ${c.reason}` };
  if (c.channel !== "ltsc") {
    return {
      status: "refused",
      reason: `${c.channel === "semi-annual" ? "Semi-Annual" : "Annual"} Channel images are Server Core only; Desktop Experience is required`,
    };
  }
  if (c.installation !== "desktop") {
    return {
      status: "refused",
      reason: `${c.installation === "nano" ? "Nano Server" : "Server Core"} is not supported; Desktop Experience is required`,
    };
  }
  if (c.essentials && c.windowsVersion !== "2019" && c.windowsVersion !== "2022") {
    return { status: "refused", reason: "Small Business Server and Windows Server Essentials before 2019 are not supported" };
  }
  switch (c.windowsVersion) {
    case "2022":
      return { status: "allowed", note: "Windows Server 2022: recommended" };
    case "2019":
      return { status: "allowed" };
    case "2016":
      return { status: "warn", reason: "Windows Server 2016 is in extended support only: plan a move to 2022" };
    case "2025":
      return options.allowWindowsServer2025
        ? {
            status: "warn",
            reason: "Windows Server 2025 allowed by configuration: confirm that Microsoft now supports it for Connect Sync",
          }
        : {
            status: "refused",
            reason: "Windows Server 2025 is not supported by Entra Connect Sync (Microsoft: known issue that can break synchronisation)",
          };
    default:
      return {
        status: "refused",
        reason: `Windows Server ${c.windowsVersion.replace("-r2", " R2")} is too old: Entra Connect needs 2016 or later`,
      };
  }
}
