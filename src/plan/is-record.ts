/** The one test for "a plain JSON-like object" that the plan and the preview reader share. */

/** True for a non-null object that is not an array (a config map, a resource's inputs, a preview step). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
