/**
 * The pipeline recipes in ci/: each publishes the files the gate and the check write (SARIF, JUnit, HTML), takes
 * every variable ci/gate.yaml names from the pipeline's secret store, and fails the run on a non-zero exit.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

const ROOT = join(__dirname, "../..");
const load = (file: string): unknown => parse(readFileSync(join(ROOT, file), "utf8"));

interface Step {
  readonly uses?: string;
  readonly task?: string;
  readonly run?: string;
  readonly script?: string;
  readonly if?: string;
  readonly condition?: string;
  readonly with?: Record<string, string>;
  readonly inputs?: Record<string, string | boolean>;
  readonly env?: Record<string, string>;
}

/** The environment variables ci/gate.yaml names: the token and the passwords. */
const gateVariables = (): string[] => {
  const config = load("ci/gate.yaml") as Record<string, Record<string, unknown>>;
  return Object.values(config).flatMap((section) =>
    Object.entries(section)
      .filter(([key]) => key.endsWith("Env"))
      .map(([, value]) => String(value)),
  );
};

/** The step whose command line runs `entra-gate <command>`. */
const commandStep = (steps: readonly Step[], command: string): Step => {
  const step = steps.find((s) => new RegExp(`npx entra-gate ${command} `).test(s.run ?? s.script ?? String(s.inputs?.inlineScript ?? "")));
  if (!step) throw new Error(`no step runs entra-gate ${command}`);
  return step;
};
const commandOf = (step: Step): string => step.run ?? step.script ?? String(step.inputs?.inlineScript ?? "");

describe("ci/github-actions.yml", () => {
  const workflow = load("ci/github-actions.yml") as { permissions: Record<string, string>; jobs: { gate: { steps: Step[] } } };
  const steps = workflow.jobs.gate.steps;
  const gate = commandStep(steps, "gate");

  it("uploads each SARIF file the check and the gate write, with its own category", () => {
    const uploads = steps.filter((s) => s.uses?.startsWith("github/codeql-action/upload-sarif@"));
    expect(uploads.map((s) => [s.with?.sarif_file, s.with?.category, s.if])).toEqual([
      ["entra-gate-check.sarif", "entra-gate-check", "always() && hashFiles('entra-gate-check.sarif') != ''"],
      ["entra-gate.sarif", "entra-gate-gate", "always() && hashFiles('entra-gate.sarif') != ''"],
    ]);
    expect(commandOf(commandStep(steps, "check"))).toContain("--format sarif > entra-gate-check.sarif");
    expect(commandOf(gate)).toContain("sarif=entra-gate.sarif");
    expect(workflow.permissions["security-events"]).toBe("write");
  });

  it("publishes the JUnit file and attaches the HTML report the gate writes", () => {
    const junit = steps.find((s) => s.uses?.startsWith("mikepenz/action-junit-report@"));
    expect(junit?.with?.report_paths).toBe("entra-gate-junit.xml");
    expect(commandOf(gate)).toContain("junit=entra-gate-junit.xml html=entra-gate-report.html");
    const artifact = steps.find((s) => s.uses?.startsWith("actions/upload-artifact@"));
    expect(artifact?.with?.path?.split("\n")).toContain("entra-gate-report.html");
    expect(artifact?.if).toBe("always()");
    expect(workflow.permissions.checks).toBe("write");
  });

  it("takes every variable ci/gate.yaml names from the secret store, and no secret value from the YAML", () => {
    for (const name of gateVariables()) {
      const fromSecret = gate.env?.[name] === `\${{ secrets.${name} }}`;
      const fromSignIn = new RegExp(`^\\s*export ${name}$`, "m").test(commandOf(gate));
      expect(`${name}: ${fromSecret || fromSignIn}`).toBe(`${name}: true`);
    }
    const values = steps.flatMap((s) => [...Object.values(s.env ?? {}), ...Object.values(s.with ?? {})]);
    const secretLike = values.filter((v) => /secret|password|token/i.test(String(v)) && !/^\$\{\{ secrets\.[A-Z_]+ \}\}$/.test(String(v)));
    expect(secretLike).toEqual([]);
  });

  it("fails the run when the check or the gate exits non-zero", () => {
    const last = steps[steps.length - 1];
    expect(last?.run).toContain('test "${{ steps.check.outputs.code }}" = 0 && test "${{ steps.gate.outputs.code }}" = 0');
    for (const step of [commandStep(steps, "check"), gate])
      expect(commandOf(step)).toMatch(/\n\s*echo "code=\$\?" >> "\$GITHUB_OUTPUT"\n?$/);
  });
});

describe("ci/azure-pipelines.yml", () => {
  const pipeline = load("ci/azure-pipelines.yml") as { steps: Step[] };
  const steps = pipeline.steps;
  const gate = commandStep(steps, "gate");

  it("publishes the JUnit results, the SARIF files (CodeAnalysisLogs) and the HTML report, even when a step failed", () => {
    const tests = steps.find((s) => s.task === "PublishTestResults@2");
    expect(tests?.inputs).toMatchObject({
      testResultsFormat: "JUnit",
      testResultsFiles: "$(Build.ArtifactStagingDirectory)/entra-gate-junit.xml",
    });
    const artifacts = steps.filter((s) => s.task === "PublishBuildArtifacts@1");
    expect(artifacts.map((s) => [s.inputs?.PathtoPublish, s.inputs?.ArtifactName])).toEqual([
      ["$(Build.ArtifactStagingDirectory)/CodeAnalysisLogs", "CodeAnalysisLogs"],
      ["$(Build.ArtifactStagingDirectory)/entra-gate-report.html", "entra-gate-report"],
    ]);
    for (const step of [tests, ...artifacts]) expect(step?.condition).toBe("always()");
    expect(commandOf(gate)).toContain(
      '"sarif=$out/CodeAnalysisLogs/entra-gate.sarif" "junit=$out/entra-gate-junit.xml" "html=$out/entra-gate-report.html"',
    );
    expect(commandOf(commandStep(steps, "check"))).toContain(
      '> "$(Build.ArtifactStagingDirectory)/CodeAnalysisLogs/entra-gate-check.sarif"',
    );
  });

  it("maps every variable ci/gate.yaml names from the secret variable group, or gets it from the sign-in", () => {
    for (const name of gateVariables()) {
      const fromSecret = gate.env?.[name] === `$(${name})`;
      const fromSignIn = new RegExp(`^\\s*export ${name}$`, "m").test(commandOf(gate));
      expect(`${name}: ${fromSecret || fromSignIn}`).toBe(`${name}: true`);
    }
  });

  it("fails the run when the check or the gate exits non-zero", () => {
    const last = steps[steps.length - 1];
    expect(last?.script).toContain('test "$(CHECK_EXIT)" = 0 && test "$(GATE_EXIT)" = 0');
    expect(last?.condition).toBe("always()");
    expect(commandOf(commandStep(steps, "check"))).toMatch(/\n\s*echo "##vso\[task\.setvariable variable=CHECK_EXIT\]\$\?"\n?$/);
    expect(commandOf(gate)).toMatch(/\n\s*echo "##vso\[task\.setvariable variable=GATE_EXIT\]\$\?"\n?$/);
  });
});
