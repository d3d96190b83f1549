import { SERVER_IMAGES, SQL_IMAGES, classifyImage, osVerdict, type ImageReference } from "../../src/requirements";

const ws = (sku: string, offer = "WindowsServer"): ImageReference => ({
  publisher: "MicrosoftWindowsServer",
  offer,
  sku,
  version: "latest",
});

describe("classifyImage: Windows Server SKU spellings", () => {
  test.each([
    ["2022-datacenter-g2", "2022", "desktop", "ltsc", true, false],
    ["2022-Datacenter", "2022", "desktop", "ltsc", false, false],
    ["2022-datacenter-smalldisk-g2", "2022", "desktop", "ltsc", true, false],
    ["2022-datacenter-azure-edition", "2022", "desktop", "ltsc", true, true],
    ["2022-datacenter-azure-edition-hotpatch", "2022", "desktop", "ltsc", true, true],
    ["2022-datacenter-azure-edition-core", "2022", "core", "ltsc", true, true],
    ["2022-datacenter-core-g2", "2022", "core", "ltsc", true, false],
    ["2022-datacenter-core-smalldisk", "2022", "core", "ltsc", false, false],
    ["2019-datacenter-gensecond", "2019", "desktop", "ltsc", true, false],
    ["2019-Datacenter-zhcn", "2019", "desktop", "ltsc", false, false],
    ["2019-datacenter-with-containers-g2", "2019", "desktop", "ltsc", true, false],
    ["2019-datacenter-core-with-containers", "2019", "core", "ltsc", false, false],
    ["2016-datacenter-gensecond", "2016", "desktop", "ltsc", true, false],
    ["2016-Datacenter-Server-Core", "2016", "core", "ltsc", false, false],
    ["2016-datacenter-nano-server", "2016", "nano", "ltsc", false, false],
    ["2025-datacenter-g2", "2025", "desktop", "ltsc", true, false],
    ["2025-datacenter-azure-edition", "2025", "desktop", "ltsc", true, true],
    ["2012-R2-Datacenter", "2012-r2", "desktop", "ltsc", false, false],
    ["2012-datacenter-gensecond", "2012", "desktop", "ltsc", true, false],
    ["2008-R2-SP1", "2008-r2", "desktop", "ltsc", false, false],
    ["datacenter-core-20h2-with-containers-smalldisk-gs", "2019", "core", "semi-annual", false, false],
    ["datacenter-core-1903-with-containers-smalldisk", "2019", "core", "semi-annual", false, false],
    ["23h2-datacenter-core-g2", "2022", "core", "annual", true, false],
  ])("%s -> %s %s %s (gen2 %p, azure edition %p)", (sku, windowsVersion, installation, channel, gen2, azureEdition) => {
    expect(classifyImage(ws(sku))).toMatchObject({ kind: "windows-server", windowsVersion, installation, channel, gen2, azureEdition });
  });

  test("case and surrounding spaces do not matter", () => {
    expect(classifyImage({ publisher: " microsoftwindowsserver ", offer: "WINDOWSSERVER", sku: " 2022-DATACENTER-G2 " })).toMatchObject({
      kind: "windows-server",
      windowsVersion: "2022",
      installation: "desktop",
      gen2: true,
    });
  });

  test("the Semi-Annual offer is Core whatever the sku", () => {
    expect(classifyImage(ws("datacenter-core-1809-with-containers-smalldisk", "WindowsServerSemiAnnual"))).toMatchObject({
      channel: "semi-annual",
      installation: "core",
    });
  });

  test("Essentials is flagged", () => {
    expect(classifyImage(ws("2016-essentials"))).toMatchObject({ windowsVersion: "2016", essentials: true });
  });
});

describe("classifyImage: SQL Server, clients, custom and unknown images", () => {
  test.each([
    ["sql2022-ws2022", "standard-gen2", "2022", "2022", true],
    ["SQL2019-WS2022", "Enterprise-Gen2", "2019", "2022", true],
    ["sql2019-ws2019", "enterprise", "2019", "2019", false],
    ["sql2017-ws2019", "standard", "2017", "2019", false],
    ["sql2025-ws2025", "standard-gen2", "2025", "2025", true],
  ])("%s/%s -> SQL %s on Windows %s (gen2 %p)", (offer, sku, sqlVersion, windowsVersion, gen2) => {
    expect(classifyImage({ publisher: "MicrosoftSQLServer", offer, sku })).toMatchObject({
      kind: "windows-server",
      sqlVersion,
      windowsVersion,
      installation: "desktop",
      gen2,
    });
  });

  test.each<[ImageReference, unknown]>([
    [
      { publisher: "MicrosoftWindowsDesktop", offer: "windows-11", sku: "win11-23h2-pro" },
      { kind: "windows-client", description: "windows-11 win11-23h2-pro" },
    ],
    [{ id: "/subscriptions/x/images/golden" }, { kind: "unknown", reason: 'custom image id "/subscriptions/x/images/golden"' }],
    [{ sharedGalleryImageId: "/sg/img" }, { kind: "unknown", reason: 'shared gallery image "/sg/img"' }],
    [{ communityGalleryImageId: "/cg/img" }, { kind: "unknown", reason: 'community gallery image "/cg/img"' }],
    [
      { publisher: "MicrosoftWindowsServer", offer: "WindowsServer" },
      { kind: "unknown", reason: "the image reference lacks a publisher, offer or sku" },
    ],
    [
      { publisher: "Canonical", offer: "ubuntu-24_04-lts", sku: "server" },
      { kind: "unknown", reason: 'publisher "Canonical", offer "ubuntu-24_04-lts" is not a Microsoft Windows Server or SQL Server image' },
    ],
    [ws("datacenter"), { kind: "unknown", reason: 'sku "datacenter" names no Windows Server version' }],
    [
      { publisher: "MicrosoftSQLServer", offer: "sql-server-2022", sku: "standard" },
      { kind: "unknown", reason: 'SQL Server offer "sql-server-2022" does not name SQL and Windows versions (sqlYYYY-wsYYYY)' },
    ],
  ])("%p -> %p", (image, expected) => {
    expect(classifyImage(image)).toEqual(expected);
  });
});

describe("osVerdict: the OS matrix", () => {
  test.each([
    ["2022-datacenter-g2", "allowed", undefined],
    ["2019-datacenter-gensecond", "allowed", undefined],
    ["2016-datacenter-gensecond", "warn", "Windows Server 2016 is in extended support only: plan a move to 2022"],
    [
      "2025-datacenter-g2",
      "refused",
      "Windows Server 2025 is not supported by Entra Connect Sync (Microsoft: known issue that can break synchronisation)",
    ],
    ["2022-datacenter-core-g2", "refused", "Server Core is not supported; Desktop Experience is required"],
    ["2016-datacenter-nano-server", "refused", "Nano Server is not supported; Desktop Experience is required"],
    ["23h2-datacenter-core-g2", "refused", "Annual Channel images are Server Core only; Desktop Experience is required"],
    [
      "datacenter-core-20h2-with-containers-smalldisk-gs",
      "refused",
      "Semi-Annual Channel images are Server Core only; Desktop Experience is required",
    ],
    ["2012-R2-Datacenter", "refused", "Windows Server 2012 R2 is too old: Entra Connect needs 2016 or later"],
    ["2008-R2-SP1", "refused", "Windows Server 2008 R2 is too old: Entra Connect needs 2016 or later"],
    ["2016-essentials", "refused", "Small Business Server and Windows Server Essentials before 2019 are not supported"],
  ])("%s -> %s", (sku, status, reason) => {
    const verdict = osVerdict(classifyImage(ws(sku)));
    expect(verdict.status).toBe(status);
    if (reason !== undefined) expect(verdict).toHaveProperty("reason", reason);
  });

  test("2025 is a warning only when the setting allows it", () => {
    expect(osVerdict(classifyImage(ws("2025-datacenter-g2")), { allowWindowsServer2025: true })).toEqual({
      status: "warn",
      reason: "Windows Server 2025 allowed by configuration: confirm that Microsoft now supports it for Connect Sync",
    });
  });

  test("client and unknown images are refused with the reason", () => {
    expect(osVerdict(classifyImage({ publisher: "MicrosoftWindowsDesktop", offer: "Windows-10", sku: "win10-22h2-pro" }))).toEqual({
      status: "refused",
      reason: "Windows client image (Windows-10 win10-22h2-pro) is not a server OS",
    });
    expect(osVerdict(classifyImage({ id: "/x" }))).toEqual({
      status: "refused",
      reason: 'the image cannot be classified: custom image id "/x"',
    });
  });

  test("every image the component deploys is a Gen2 Desktop Experience image the matrix accepts", () => {
    for (const image of [...Object.values(SERVER_IMAGES), ...Object.values(SQL_IMAGES)]) {
      const c = classifyImage(image);
      expect(c).toMatchObject({ kind: "windows-server", installation: "desktop", gen2: true });
      expect(osVerdict(c).status).not.toBe("refused");
    }
    expect(osVerdict(classifyImage(SERVER_IMAGES["2022"]))).toEqual({ status: "allowed", note: "Windows Server 2022: recommended" });
  });
});
