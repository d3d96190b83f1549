import { parsePreview } from "../../src/check/preview-file";

const state = (urn: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  urn,
  type: "azure-native:network:NetworkInterface",
  ...extra,
});

describe("parsePreview", () => {
  it("keeps the last state per URN, skips steps without a new state, and reads null optional fields as none", () => {
    const doc = {
      steps: [
        { op: "create-replacement", newState: state("urn:a::nic", { inputs: { v: 1 } }) },
        { op: "delete-replaced", oldState: state("urn:a::nic") },
        { op: "replace", newState: state("urn:a::nic", { inputs: { v: 2 }, dependencies: ["urn:b::nsg"] }) },
        { op: "delete", oldState: state("urn:c::gone") },
        { op: "same", newState: state("urn:b::nsg", { inputs: null, parent: null, dependencies: null, propertyDependencies: null }) },
      ],
    };
    expect(parsePreview(JSON.stringify(doc), "p.json")).toEqual([
      {
        urn: "urn:a::nic",
        type: "azure-native:network:NetworkInterface",
        name: "nic",
        inputs: { v: 2 },
        parent: undefined,
        dependencies: ["urn:b::nsg"],
        propertyDependencies: {},
      },
      {
        urn: "urn:b::nsg",
        type: "azure-native:network:NetworkInterface",
        name: "nsg",
        inputs: {},
        parent: undefined,
        dependencies: [],
        propertyDependencies: {},
      },
    ]);
  });

  it("names the step and field of a bad propertyDependencies", () => {
    expect(() =>
      parsePreview(JSON.stringify({ steps: [{ newState: state("urn:a::x", { propertyDependencies: { tags: "urn:b" } }) }] }), "p.json"),
    ).toThrow(
      'p.json: steps[0].newState has "propertyDependencies" that is not an object of URN lists; pass the output of `pulumi preview --json` (redirect stdout to a file).',
    );
  });
});
