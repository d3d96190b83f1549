import { disallowServerCore } from "../../src/policies/disallow-server-core";
import { disallowWindowsServer2016 } from "../../src/policies/disallow-windows-server-2016";
import { enforceSupportedWindowsServer } from "../../src/policies/enforce-supported-windows-server";
import { CLASSIC, NATIVE } from "../../src/policies/support/type-tokens";
import { classicVm, vm, vmss } from "./fixtures";
import { run, set } from "./harness";

const OS_REQ = "(requirement os.supported: Windows Server 2022 (recommended) or 2019 with Desktop Experience)";
const CORE_REQ = "(requirement os.desktop-experience: Desktop Experience (no Server Core or Nano))";
const withSku = (sku: string, publisher = "MicrosoftWindowsServer", offer = "WindowsServer"): Record<string, unknown> =>
  set(vm(), "storageProfile.imageReference", { publisher, offer, sku, version: "latest" });

describe("OS policies on a compliant server", () => {
  it.each([
    ["VirtualMachine", NATIVE.virtualMachine, vm],
    ["VirtualMachineScaleSet", NATIVE.virtualMachineScaleSet, vmss],
    ["classic WindowsVirtualMachine", CLASSIC.windowsVirtualMachine, classicVm],
  ])("%s: no violation", async (_label, type, fixture) => {
    for (const policy of [disallowServerCore, enforceSupportedWindowsServer, disallowWindowsServer2016]) {
      expect(await run(policy, type, fixture())).toEqual([]);
    }
  });

  it.each([
    "2019-datacenter-gensecond",
    "2022-DATACENTER-SMALLDISK-G2",
    "2022-datacenter-azure-edition-hotpatch",
    "2019-Datacenter-zhcn",
    "2019-datacenter-with-containers",
  ])("accepts %s whatever the case and suffixes", async (sku) => {
    expect(await run(enforceSupportedWindowsServer, NATIVE.virtualMachine, withSku(sku))).toEqual([]);
    expect(await run(disallowServerCore, NATIVE.virtualMachine, withSku(sku))).toEqual([]);
  });
});

describe("entra-connect-disallow-server-core", () => {
  it.each([
    ["2022-datacenter-core-g2", "Server Core is not supported; Desktop Experience is required"],
    ["2016-Datacenter-Server-Core-smalldisk", "Server Core is not supported; Desktop Experience is required"],
    ["2016-datacenter-nano-server", "Nano Server is not supported; Desktop Experience is required"],
    [
      "datacenter-core-20h2-with-containers-smalldisk-g2",
      "Semi-Annual Channel images are Server Core only; Desktop Experience is required",
    ],
    ["23h2-datacenter-core-g2", "Annual Channel images are Server Core only; Desktop Experience is required"],
  ])("refuses %s", async (sku, reason) => {
    expect(await run(disallowServerCore, NATIVE.virtualMachine, withSku(sku))).toEqual([
      `image MicrosoftWindowsServer WindowsServer ${sku}: ${reason}. Fix: use a Desktop Experience SKU such as 2022-datacenter-g2. ${CORE_REQ}`,
    ]);
  });

  it("leaves an unclassifiable image to the version policy", async () => {
    expect(
      await run(disallowServerCore, NATIVE.virtualMachine, set(vm(), "storageProfile.imageReference", { id: "/subscriptions/s/images/x" })),
    ).toEqual([]);
  });
});

describe("entra-connect-enforce-supported-windows-server", () => {
  const fixed = "Fix: use a Windows Server 2022 or 2019 Desktop Experience marketplace image such as sku 2022-datacenter-g2.";
  it.each([
    [
      "2025-datacenter-azure-edition",
      "Windows Server 2025 is not supported by Entra Connect Sync (Microsoft: known issue that can break synchronisation)",
    ],
    ["2012-R2-Datacenter", "Windows Server 2012 R2 is too old: Entra Connect needs 2016 or later"],
    ["2008-R2-SP1", "Windows Server 2008 R2 is too old: Entra Connect needs 2016 or later"],
  ])("refuses %s", async (sku, reason) => {
    expect(await run(enforceSupportedWindowsServer, NATIVE.virtualMachine, withSku(sku))).toEqual([
      `image MicrosoftWindowsServer WindowsServer ${sku}: ${reason}. ${fixed} ${OS_REQ}`,
    ]);
  });

  it("accepts 2025 when allowWindowsServer2025 is set", async () => {
    expect(
      await run(enforceSupportedWindowsServer, NATIVE.virtualMachine, withSku("2025-datacenter-g2"), { allowWindowsServer2025: true }),
    ).toEqual([]);
  });

  it("refuses a Windows client image", async () => {
    expect(
      await run(enforceSupportedWindowsServer, NATIVE.virtualMachine, withSku("win11-23h2-ent", "MicrosoftWindowsDesktop", "windows-11")),
    ).toEqual([
      `image MicrosoftWindowsDesktop windows-11 win11-23h2-ent: Windows client image (windows-11 win11-23h2-ent) is not a server OS. ${fixed} ${OS_REQ}`,
    ]);
  });

  it("refuses an unknown publisher and explains how to approve it by its publisher:offer:sku", async () => {
    expect(
      await run(enforceSupportedWindowsServer, NATIVE.virtualMachine, withSku("2022-datacenter", "contoso", "hardened-windows")),
    ).toEqual([
      `image contoso hardened-windows 2022-datacenter: the image cannot be classified: publisher "contoso", offer "hardened-windows" is not a Microsoft Windows Server or SQL Server image. Fix: if the image holds Windows Server 2022 or 2019 with Desktop Experience, approve it in this policy's config: {"approvedImages":[{"image":"contoso:hardened-windows:2022-datacenter","windowsVersion":"2022"}]}; otherwise use a Windows Server 2022 or 2019 marketplace image. ${OS_REQ}`,
    ]);
  });

  it("accepts an unknown publisher's image approved by its publisher:offer:sku, case-insensitively (classic too)", async () => {
    const config = { approvedImages: [{ image: "Contoso:Hardened-Windows:2022-DATACENTER", windowsVersion: "2019" }] };
    expect(
      await run(enforceSupportedWindowsServer, NATIVE.virtualMachine, withSku("2022-datacenter", "contoso", "hardened-windows"), config),
    ).toEqual([]);
    const classic = set(classicVm(), "sourceImageReference", {
      publisher: "contoso",
      offer: "hardened-windows",
      sku: "2022-datacenter",
      version: "latest",
    });
    expect(await run(enforceSupportedWindowsServer, CLASSIC.windowsVirtualMachine, classic, config)).toEqual([]);
  });

  it("never lets an approval override the refusal of an image it can classify", async () => {
    const config = { approvedImages: [{ image: "MicrosoftWindowsServer:WindowsServer:2012-R2-Datacenter", windowsVersion: "2022" }] };
    expect(await run(enforceSupportedWindowsServer, NATIVE.virtualMachine, withSku("2012-R2-Datacenter"), config)).toEqual([
      `image MicrosoftWindowsServer WindowsServer 2012-R2-Datacenter: Windows Server 2012 R2 is too old: Entra Connect needs 2016 or later. ${fixed} ${OS_REQ}`,
    ]);
  });

  const galleryId = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/images/sync/versions/1.0.0";
  it.each([
    ["custom image id", { id: galleryId }, `custom image id "${galleryId}"`],
    ["shared gallery image", { sharedGalleryImageId: galleryId }, `shared gallery image "${galleryId}"`],
    ["community gallery image", { communityGalleryImageId: galleryId }, `community gallery image "${galleryId}"`],
  ])("refuses a %s and explains how to approve it", async (_label, image, reason) => {
    expect(await run(enforceSupportedWindowsServer, NATIVE.virtualMachine, set(vm(), "storageProfile.imageReference", image))).toEqual([
      `image ${galleryId}: the image cannot be classified: ${reason}. Fix: if the image holds Windows Server 2022 or 2019 with Desktop Experience, approve it in this policy's config: {"approvedImages":[{"image":"${galleryId}","windowsVersion":"2022"}]}; otherwise use a Windows Server 2022 or 2019 marketplace image. ${OS_REQ}`,
    ]);
  });

  it("accepts an approved image, case-insensitively, and the classic sourceImageId", async () => {
    const config = { approvedImages: [{ image: galleryId.toUpperCase(), windowsVersion: "2022" }] };
    expect(
      await run(
        enforceSupportedWindowsServer,
        NATIVE.virtualMachine,
        set(vm(), "storageProfile.imageReference", { id: galleryId }),
        config,
      ),
    ).toEqual([]);
    const classic = set(set(classicVm(), "sourceImageReference", undefined), "sourceImageId", galleryId);
    expect(await run(enforceSupportedWindowsServer, CLASSIC.windowsVirtualMachine, classic, config)).toEqual([]);
  });

  it("refuses a server without an image (attached OS disk)", async () => {
    expect(await run(enforceSupportedWindowsServer, NATIVE.virtualMachine, set(vm(), "storageProfile.imageReference", undefined))).toEqual([
      `image no image: the image cannot be classified: the server has no image reference (an attached OS disk). ${fixed} ${OS_REQ}`,
    ]);
  });

  it("refuses a bad config value with a message naming it", async () => {
    await expect(run(enforceSupportedWindowsServer, NATIVE.virtualMachine, vm(), { allowWindowsServer2025: "yes" })).rejects.toThrow(
      'test-config.json: the config of "entra-connect-enforce-supported-windows-server" is invalid: /allowWindowsServer2025 must be boolean. See docs/policy-pack.md for its settings.',
    );
  });
});

describe("entra-connect-disallow-windows-server-2016", () => {
  it("warns on 2016", async () => {
    expect(await run(disallowWindowsServer2016, NATIVE.virtualMachine, withSku("2016-datacenter-gensecond"))).toEqual([
      "image MicrosoftWindowsServer WindowsServer 2016-datacenter-gensecond: Windows Server 2016 is in extended support only: plan a move to 2022. Fix: deploy the server from sku 2022-datacenter-g2. " +
        OS_REQ,
    ]);
  });
});
