/** The shipped examples/gate.yaml and ci/gate.yaml stay valid against the schema. */
import { join } from "node:path";
import { GATE_SOURCES, loadGateConfig } from "../../src/gate";

describe.each(["examples/gate.yaml", "ci/gate.yaml", "examples/gate-offline.yaml"])("%s", (file) => {
  it("loads with every source section it names", () => {
    const config = loadGateConfig(join(__dirname, "../..", file), GATE_SOURCES);
    expect(Object.keys(config.sections).length).toBeGreaterThan(0);
  });
});
