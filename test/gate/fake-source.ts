/** A test-only gate source: returns the checks, facts and findings it was built with, or throws. */
import type { Evidence, GateSource, SourceOutput } from "../../src/gate";
import type { CategoryId } from "../../src/requirements";

export function fakeSource(
  name: string,
  categories: readonly CategoryId[],
  output: SourceOutput | Error,
  evidence: Evidence = "observed",
): GateSource & { seen: unknown[] } {
  const seen: unknown[] = [];
  return {
    name,
    section: name,
    evidence,
    categories,
    seen,
    schema: {
      type: "object",
      additionalProperties: false,
      properties: { target: { type: "string" }, passwordEnv: { type: "string" } },
      required: ["target"],
    },
    async prepare(section) {
      return async (context) => {
        seen.push({ section, facts: context.facts });
        if (output instanceof Error) throw output;
        return output;
      };
    },
  };
}
