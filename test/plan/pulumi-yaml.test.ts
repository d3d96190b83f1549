import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { STACK_CONFIG_KEYS } from "../../src/components/stack-config";
import { DEFAULT_SQL_COLLATION, LOCALDB_MAX_OBJECTS, SQL_PORT } from "../../src/requirements";

const root = join(__dirname, "..", "..");
interface Declaration {
  type: string;
  description?: string;
  default?: unknown;
  secret?: boolean;
}
const project = parse(readFileSync(join(root, "Pulumi.yaml"), "utf8")) as {
  name: string;
  runtime: { name: string };
  main: string;
  stackConfigDir: string;
  config: Record<string, Declaration>;
};

describe("Pulumi.yaml", () => {
  test("a nodejs project whose main is the stack program and whose stacks live in stacks/", () => {
    expect(project).toMatchObject({
      name: "entra-connect-gate",
      runtime: { name: "nodejs" },
      main: "src/index.ts",
      stackConfigDir: "stacks",
    });
    expect(existsSync(join(root, project.main))).toBe(true);
    for (const stack of ["dev", "enterprise"]) expect(existsSync(join(root, "stacks", `Pulumi.${stack}.yaml`))).toBe(true);
  });

  test("declares exactly the keys the program reads, each typed and described", () => {
    const declared = Object.entries(project.config).map(([key, d]) => `${key}:${d.secret === true ? "secret" : d.type}`);
    // The optional passwords are plain strings to the CLI (see the next test); the program reads them as secrets.
    const read = Object.entries(STACK_CONFIG_KEYS).flatMap(([kind, keys]) =>
      keys.map((k) => `${k}:${kind === "optionalSecret" ? "string" : kind}`),
    );
    expect(declared.sort()).toEqual(read.sort());
    for (const d of Object.values(project.config)) expect(d.description?.length).toBeGreaterThan(20);
  });

  test("only objectCount, resourceGroupName, subnetId, domainControllers and adminPassword have no default (they are required)", () => {
    const required = Object.entries(project.config)
      .filter(([, d]) => !("default" in d))
      .map(([k]) => k);
    expect(required.sort()).toEqual(["adminPassword", "domainControllers", "objectCount", "resourceGroupName", "subnetId"]);
  });

  // The Pulumi CLI (pulumi/pulumi pkg/workspace, mergeConfig then validateStackConfigValue) writes a missing key's
  // default into the stack with config.NewValue (plain text), then refuses any `secret: true` key whose value is not
  // Secure(): "Stack '<stack>' with configuration key '<key>' must be encrypted as it's secret". A secret key with a
  // default therefore stops every stack that does not set it; a secret key without one is required by every stack.
  test("no secret: true key has a default, and only the required adminPassword is secret: true", () => {
    const secret = Object.entries(project.config).filter(([, d]) => d.secret === true);
    expect(secret.map(([k]) => k)).toEqual(["adminPassword"]);
    for (const [, d] of secret) expect(d).not.toHaveProperty("default");
  });

  test("the optional passwords are plain strings with an empty default, described as set with --secret only", () => {
    for (const key of STACK_CONFIG_KEYS.optionalSecret) {
      expect(project.config[key]).toMatchObject({ type: "string", default: "" });
      expect(project.config[key]?.description).toContain(`pulumi config set --secret ${key}`);
    }
  });

  test("descriptions quote the catalogue's figures, not other ones", () => {
    expect(project.config["sqlCollation"]?.description).toContain(DEFAULT_SQL_COLLATION);
    expect(project.config["sqlPort"]?.description).toContain(`0 = ${SQL_PORT}`);
    expect(project.config["database"]?.description).toContain(LOCALDB_MAX_OBJECTS.toLocaleString("en-US"));
  });
});
