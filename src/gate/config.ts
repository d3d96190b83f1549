/**
 * gate.yaml: parsed with `yaml`, checked against a JSON schema (ajv) made of each source's section schema, with a
 * message for every bad field. Secrets are references only.
 */
import { dirname, resolve } from "node:path";
import Ajv, { type ErrorObject, type SchemaObject } from "ajv";
import { parseDocument } from "yaml";
import { InputError } from "../support/errors";
import { rejectLiteralSecrets } from "./secret-fields";
import type { GateSource } from "./source";
import { describeBytes, FileTooLargeError, MAX_CONFIG_FILE_BYTES, readTextCapped } from "../support/files";
import type { Waiver } from "../report/gate-report";
import { CATEGORIES } from "../requirements";

export interface GateConfig {
  /** The config file, as given. */
  readonly path: string;
  /** Its folder, absolute: relative paths in sections resolve from it. */
  readonly dir: string;
  /** The forest's object count, when known without the AD source. */
  readonly objectCount?: number;
  /** Each present section by its key, validated against its source's schema. */
  readonly sections: Readonly<Record<string, unknown>>;
  /** `waive: [{category, reason}]`: categories the team decided not to check here, printed in every report. */
  readonly waive: readonly Waiver[];
  /** `accept: planned`: a plan's evidence is enough (verdict `ready-to-build`, exit 0), for gating before anything exists. */
  readonly acceptPlanned: boolean;
}

/** The JSON schema of gate.yaml for these sources (also written to docs/gate.md). */
export function gateConfigSchema(sources: readonly GateSource[]): SchemaObject {
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    title: "entra-gate gate.yaml",
    type: "object",
    additionalProperties: false,
    properties: {
      objectCount: { type: "integer", minimum: 0, description: "Users + groups + contacts + computers in the forest" },
      accept: {
        type: "string",
        enum: ["planned"],
        description: "planned: a plan's evidence is enough (verdict ready-to-build, exit 0) before anything exists",
      },
      waive: {
        type: "array",
        description: "Categories not checked by this gate, each with the reason (printed in every report; never a pass)",
        items: {
          type: "object",
          additionalProperties: false,
          required: ["category", "reason"],
          properties: {
            category: { type: "string", enum: CATEGORIES.map((c) => c.id) },
            reason: { type: "string", minLength: 1 },
          },
        },
      },
      ...Object.fromEntries(sources.map((s) => [s.section, s.schema])),
    },
  };
}

function fieldOf(e: ErrorObject): string {
  const path = e.instancePath
    .split("/")
    .slice(1)
    .map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`))
    .join("")
    .replace(/^\./, "");
  if (e.keyword === "additionalProperties") {
    const extra = (e.params as { additionalProperty: string }).additionalProperty;
    return path ? `${path}.${extra}` : extra;
  }
  return path || "(top level)";
}

/** One line per bad field: "cloud.auth: must be one of azure-cli, device-code, client-secret". */
function describeSchemaError(e: ErrorObject, schema: SchemaObject): string {
  const field = fieldOf(e);
  switch (e.keyword) {
    case "additionalProperties": {
      const parent = e.instancePath
        .split("/")
        .slice(1)
        .filter((p) => !/^\d+$/.test(p));
      const known = Object.keys(
        (parent.reduce<SchemaObject | undefined>((s, p) => s?.properties?.[p] ?? s?.items, schema)?.properties ?? {}) as object,
      );
      return `${field}: unknown field; known fields here: ${known.join(", ")}`;
    }
    case "enum":
      return `${field}: must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.join(", ")}`;
    case "oneOf": {
      const branches = (e.parentSchema?.oneOf ?? []) as { required?: string[] }[];
      return `${field}: give exactly one of ${branches.flatMap((b) => b.required ?? []).join(", ")}`;
    }
    case "required":
      return `${field}: missing the field ${(e.params as { missingProperty: string }).missingProperty}`;
    default:
      return `${field}: ${e.message ?? "is invalid"}`;
  }
}

/** Validates parsed gate.yaml; throws one InputError listing every bad field. */
export function parseGateConfig(data: unknown, path: string, sources: readonly GateSource[]): GateConfig {
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    throw new InputError(
      `${path}: expected a YAML mapping with sections such as ${sources.map((s) => `${s.section}:`).join(", ")}; see docs/gate.md.`,
    );
  }
  const schema = gateConfigSchema(sources);
  rejectLiteralSecrets(data, path, schema);
  const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
  const validate = ajv.compile(schema);
  if (!validate(data)) {
    // A oneOf error says it all; the "required" errors of its branches would only repeat it.
    const errors = (validate.errors ?? []).filter((e) => !e.schemaPath.includes("/oneOf/"));
    const lines = [...new Set(errors.map((e) => describeSchemaError(e, schema)))];
    throw new InputError(
      `${path} has ${lines.length === 1 ? "a bad field" : `${lines.length} bad fields`} (see docs/gate.md for the schema):\n  ${lines.join("\n  ")}`,
    );
  }
  const record = data as Record<string, unknown>;
  const sections = Object.fromEntries(sources.filter((s) => record[s.section] !== undefined).map((s) => [s.section, record[s.section]]));
  if (Object.keys(sections).length === 0) {
    throw new InputError(
      `${path} names no source, so nothing would be checked: add at least one of the sections ${sources.map((s) => `${s.section}:`).join(", ")} (see examples/gate.yaml).`,
    );
  }
  return {
    path,
    dir: dirname(resolve(path)),
    ...(typeof record.objectCount === "number" ? { objectCount: record.objectCount } : {}),
    sections,
    waive: (record.waive as Waiver[] | undefined) ?? [],
    acceptPlanned: record.accept === "planned",
  };
}

/** Reads and validates gate.yaml. */
export function loadGateConfig(path: string, sources: readonly GateSource[]): GateConfig {
  let text: string;
  try {
    text = readTextCapped(path, MAX_CONFIG_FILE_BYTES);
  } catch (e) {
    if (e instanceof FileTooLargeError)
      throw new InputError(
        `--config ${path}: the file is larger than ${describeBytes(MAX_CONFIG_FILE_BYTES)}, which no real gate.yaml is; it was not parsed. Give the path of a gate.yaml (see examples/gate.yaml).`,
      );
    throw new InputError(
      `--config ${path}: cannot read it (${(e as NodeJS.ErrnoException).code ?? "error"}). Give the path of a gate.yaml (see examples/gate.yaml).`,
    );
  }
  const doc = parseDocument(text, { prettyErrors: true });
  const [first] = doc.errors;
  if (first) throw new InputError(`${path} is not valid YAML: ${first.message.split("\n")[0]}. Fix the syntax at that line.`);
  return parseGateConfig(doc.toJS(), path, sources);
}
