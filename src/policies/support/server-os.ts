/** The OS of a server from its image, with images approved in config for custom and gallery images. */
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import {
  classifyImage,
  SUPPORTED_SERVER_VERSIONS,
  WARNED_SERVER_VERSIONS,
  type ImageClassification,
  type ImageReference,
} from "../../requirements";
import { BoundedMemo } from "../../support/memo";
import type { PolicyContext } from "./define";
import { readImage } from "./server-shape";

/** An image the pack cannot classify, approved with its declared OS (Desktop Experience, LTSC). */
export interface ApprovedImage {
  /** The custom image id, shared gallery or community gallery image id, compared case-insensitively. */
  readonly image: string;
  readonly windowsVersion: (typeof SUPPORTED_SERVER_VERSIONS)[number] | (typeof WARNED_SERVER_VERSIONS)[number];
}

export interface ApprovedImagesConfig {
  readonly approvedImages?: readonly ApprovedImage[];
}

export const APPROVED_IMAGES_CONFIG: Readonly<Record<string, PolicyConfigJSONSchema>> = {
  approvedImages: {
    type: "array",
    description:
      'Images the pack cannot classify, approved by their custom, shared gallery or community gallery id (or "publisher:offer:sku" for a marketplace image of another publisher), with the Windows Server version they hold (Desktop Experience).',
    items: {
      type: "object",
      properties: {
        image: { type: "string", minLength: 1 },
        windowsVersion: { type: "string", enum: [...SUPPORTED_SERVER_VERSIONS, ...WARNED_SERVER_VERSIONS] },
      },
      required: ["image", "windowsVersion"],
      additionalProperties: false,
    },
  },
};

/** The custom, shared gallery or community gallery id of an image. */
function galleryIdOf(image: ImageReference): string | undefined {
  return image.id ?? image.sharedGalleryImageId ?? image.communityGalleryImageId;
}

/**
 * The key that approves an image the pack cannot classify: its custom, shared gallery or community gallery id,
 * else (a marketplace image of an unknown publisher) its image URN without the version, "publisher:offer:sku".
 */
export function approvalKeyOf(image: ImageReference): string | undefined {
  const id = galleryIdOf(image);
  if (id) return id;
  return image.publisher && image.offer && image.sku ? `${image.publisher}:${image.offer}:${image.sku}` : undefined;
}

/** What a server runs: its image (undefined when none) and the classification, approvals applied. */
export interface ServerOs {
  readonly image?: ImageReference;
  readonly classification: ImageClassification;
}

/** Classifications by the image fields classifyImage reads: a plan holds thousands of servers of a few images. */
const CLASSIFIED = new BoundedMemo<string, ImageClassification>(1000);

function classificationOf(image: ImageReference): ImageClassification {
  const { id, sharedGalleryImageId, communityGalleryImageId, publisher, offer, sku } = image;
  const key = JSON.stringify([id, sharedGalleryImageId, communityGalleryImageId, publisher, offer, sku]);
  return CLASSIFIED.get(key, () => classifyImage(image));
}

/** Classifies the server's image; undefined after reporting an unknown image at preview. */
export function serverOs(ctx: PolicyContext<ApprovedImagesConfig>): ServerOs | undefined {
  const read = readImage(ctx.type, ctx.props);
  if (!ctx.known(read, "the image reference")) return undefined;
  const image = read.value;
  if (!image) return { classification: { kind: "unknown", reason: "the server has no image reference (an attached OS disk)" } };
  const classification = classificationOf(image);
  // Only an image the pack cannot classify may be approved: an approval never overrides a refusal of a known image.
  const key = classification.kind === "unknown" ? approvalKeyOf(image)?.toLowerCase() : undefined;
  const approved = key === undefined ? undefined : ctx.config.approvedImages?.find((a) => a.image.trim().toLowerCase() === key);
  if (!approved) return { image, classification };
  return {
    image,
    classification: {
      kind: "windows-server",
      windowsVersion: approved.windowsVersion,
      installation: "desktop",
      channel: "ltsc",
      azureEdition: false,
      gen2: true,
      essentials: false,
    },
  };
}

/** "MicrosoftWindowsServer WindowsServer 2022-datacenter-core" or the image id, for messages. */
export function describeImage(image: ImageReference | undefined): string {
  if (!image) return "no image";
  return galleryIdOf(image) ?? [image.publisher, image.offer, image.sku].filter(Boolean).join(" ");
}
