/**
 * Where each server type keeps the fields the policies read: azure-native VirtualMachine and
 * VirtualMachineScaleSet, classic WindowsVirtualMachine and WindowsVirtualMachineScaleSet.
 */
import type { ImageReference } from "../../requirements";
import { asString, readPath, type Read } from "./read";
import { CLASSIC, NATIVE } from "./type-tokens";

/** Property paths of one server type; undefined when the type has no such field. */
export interface ServerShape {
  /** The marketplace image reference object. */
  readonly image: string;
  /** A custom image id outside the reference (classic `sourceImageId`). */
  readonly imageId?: string;
  readonly vmSize: string;
  readonly osDiskSizeGb: string;
  /** "TrustedLaunch" / "ConfidentialVM" (azure-native only; classic implies it by the two flags). */
  readonly securityType?: string;
  readonly secureBoot: string;
  readonly vTpm: string;
  readonly encryptionAtHost: string;
  /** Inline NIC configurations whose IP configurations may create a public IP. */
  readonly nicConfigurations?: string;
  /** The field of an inline IP configuration that creates a public IP. */
  readonly publicIpField?: string;
}

const nativeShape = (base: string, vmSize: string): ServerShape => ({
  image: `${base}storageProfile.imageReference`,
  vmSize,
  osDiskSizeGb: `${base}storageProfile.osDisk.diskSizeGB`,
  securityType: `${base}securityProfile.securityType`,
  secureBoot: `${base}securityProfile.uefiSettings.secureBootEnabled`,
  vTpm: `${base}securityProfile.uefiSettings.vTpmEnabled`,
  encryptionAtHost: `${base}securityProfile.encryptionAtHost`,
  nicConfigurations: `${base}networkProfile.networkInterfaceConfigurations`,
  publicIpField: "publicIPAddressConfiguration",
});

const classicShape = (vmSize: string, nicConfigurations?: string): ServerShape => ({
  image: "sourceImageReference",
  imageId: "sourceImageId",
  vmSize,
  osDiskSizeGb: "osDisk.diskSizeGb",
  secureBoot: "secureBootEnabled",
  vTpm: "vtpmEnabled",
  encryptionAtHost: "encryptionAtHostEnabled",
  nicConfigurations,
  publicIpField: nicConfigurations ? "publicIpAddresses" : undefined,
});

const SHAPES: Readonly<Record<string, ServerShape>> = {
  [NATIVE.virtualMachine]: nativeShape("", "hardwareProfile.vmSize"),
  [NATIVE.virtualMachineScaleSet]: nativeShape("virtualMachineProfile.", "sku.name"),
  [CLASSIC.windowsVirtualMachine]: classicShape("size"),
  [CLASSIC.windowsVirtualMachineScaleSet]: classicShape("sku", "networkInterfaces"),
};

/** The shape of a server type; throws for a type that is not a server (a programming error). */
export function serverShape(type: string): ServerShape {
  const shape = SHAPES[type];
  if (!shape) throw new Error(`No server shape for resource type "${type}".`);
  return shape;
}

const IMAGE_FIELDS = ["publisher", "offer", "sku", "version", "id", "sharedGalleryImageId", "communityGalleryImageId"] as const;

/** Images already read, per resource inputs object: several policies read the image of every server (issue 11 item B). */
const IMAGES = new WeakMap<object, { readonly type: string; readonly read: Read<ImageReference> }>();

/** Reads the image of a server: undefined when it has none (an attached OS disk). */
export function readImage(type: string, props: unknown): Read<ImageReference> {
  const cacheable = typeof props === "object" && props !== null;
  const cached = cacheable ? IMAGES.get(props) : undefined;
  if (cached?.type === type) return cached.read;
  const read = readImageOnce(type, props);
  if (cacheable) IMAGES.set(props, { type, read });
  return read;
}

function readImageOnce(type: string, props: unknown): Read<ImageReference> {
  const shape = serverShape(type);
  const ref = readPath(props, shape.image);
  if (!ref.known) return ref;
  const image: Record<string, string> = {};
  for (const field of IMAGE_FIELDS) {
    const value = asString(readPath(ref.value, field, shape.image));
    if (!value.known) return value;
    if (value.value) image[field] = value.value;
  }
  if (shape.imageId) {
    const id = asString(readPath(props, shape.imageId));
    if (!id.known) return id;
    if (id.value) image.id = id.value;
  }
  return { known: true, value: Object.keys(image).length > 0 ? image : undefined, path: shape.image };
}
