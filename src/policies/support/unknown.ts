/**
 * Values that are not known at preview. In the pack, `args.props` is wrapped in @pulumi/policy's
 * unknownCheckingProxy, which throws an UnknownValueError when an unknown leaf is read; in `pulumi preview
 * --json` output an unknown is a sentinel string and a secret is the placeholder "[secret]".
 */

/** The sentinel strings the engine uses for unknown string, boolean, number, array, asset, archive and object values. */
export const UNKNOWN_SENTINELS: ReadonlySet<string> = new Set([
  "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
  "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
  "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
  "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
  "030794c1-ac77-496b-92df-f27374a8bd58",
  "e48ece36-62e2-4504-bad9-02848725956a",
  "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
]);

/** The unknown string sentinel, as `pulumi preview --json` prints a computed value. */
export const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** The placeholder `pulumi preview --json` prints for a secret value. */
export const SECRET_PLACEHOLDER = "[secret]";

/** Why a value cannot be read. */
export type Unreadable = "unknown" | "secret";

/** "unknown" or "secret" when `value` is a sentinel or the secret placeholder, else undefined. */
export function unreadableKind(value: unknown): Unreadable | undefined {
  if (typeof value !== "string") return undefined;
  if (UNKNOWN_SENTINELS.has(value)) return "unknown";
  return value === SECRET_PLACEHOLDER ? "secret" : undefined;
}

/** True for the UnknownValueError of @pulumi/policy's proxy (matched by shape: the pack never imports the SDK at run time). */
export function isUnknownValueError(e: unknown): boolean {
  return e instanceof Error && "unknownTypeSentinel" in e;
}
