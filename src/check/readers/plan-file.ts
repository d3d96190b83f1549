/**
 * One entry point for every plan format `entra-gate check` reads: a `pulumi preview --json` file, a
 * `terraform show -json` plan, or an ARM what-if result / compiled ARM template. The format is detected from the
 * document (or forced with `--input`), and each reader returns the same PlannedResource list, so one rule set
 * judges every pipeline.
 */
import { readFileSync } from "node:fs";
import { isRecord } from "../../plan/is-record";
import { InputError } from "../../support/errors";
import { decodeJsonBytes, parseJsonText } from "../json-text";
import { parsePreviewDocument, type PlannedResource } from "../preview-file";
import { isArmTemplate, isWhatIf, parseArm } from "./arm";
import { isArmParametersDocument, PARAMETERS_FLAG, type ArmParametersFile } from "./arm-parameters";
import { parseTerraformPlan } from "./terraform";

/** The `--input` values. */
export const INPUT_FORMATS = ["pulumi", "terraform", "arm"] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];

const HINT =
  "pass the output of `pulumi preview --json`, `terraform show -json PLANFILE` or `az deployment group what-if --no-pretty-print` (redirect stdout to a file), or a compiled ARM template";

/**
 * The format a parsed document is in, by its marks: Pulumi `steps`; Terraform `format_version` with
 * `resource_changes`; ARM what-if `changes`, or a template's deploymentTemplate `$schema` / `contentVersion` + `resources`.
 */
export function detectFormat(doc: unknown): InputFormat | undefined {
  if (!isRecord(doc)) return undefined;
  if (Array.isArray(doc.steps)) return "pulumi";
  if (typeof doc.format_version === "string" && ("resource_changes" in doc || "terraform_version" in doc)) return "terraform";
  if (isWhatIf(doc) || isArmTemplate(doc)) return "arm";
  return undefined;
}

/** How to read a plan: its format (default: detected) and the ARM parameters file for a compiled template. */
export interface PlanReadOptions {
  readonly format?: InputFormat;
  readonly armParameters?: ArmParametersFile;
  /** Where a parameters file is given, for the refusal of one passed as a plan: `--parameters` (default) or gate.yaml's field. */
  readonly parametersField?: string;
}

/** A plan read: its resources, and whether it was a compiled ARM template (the one kind --parameters applies to). */
export interface PlanRead {
  readonly resources: PlannedResource[];
  readonly armTemplate: boolean;
}

/** Parses a plan document's text in the format of `options`, or in the format detected from it. */
export function parsePlan(text: string, file: string, options: PlanReadOptions = {}): PlanRead {
  const parsed = parseJsonText(text);
  if (!parsed.ok) throw new InputError(`${file} is not valid JSON (${parsed.where}); ${HINT}.`);
  const doc = parsed.value;
  if (isArmParametersDocument(doc)) {
    throw new InputError(
      `${file} is not a plan entra-gate reads: it is an ARM deployment parameters file (deploymentParameters $schema, or az bicep build-params' parametersJson), the values a compiled template's [parameters('x')] reads, not a template or a what-if result. Give it with ${options.parametersField ?? PARAMETERS_FLAG}, next to the compiled template it is for.`,
    );
  }
  const kind = options.format ?? detectFormat(doc);
  if (kind === undefined) {
    throw new InputError(
      `${file} is not a plan entra-gate reads: no "steps" list (Pulumi preview), no "format_version" with "resource_changes" (Terraform plan), no "changes" list (ARM what-if) and no ARM template "resources"; ${HINT}, or name the format with --input ${INPUT_FORMATS.join("|")}.`,
    );
  }
  if (kind === "pulumi") return { resources: parsePreviewDocument(doc, file), armTemplate: false };
  if (!isRecord(doc))
    throw new InputError(
      `${file} is not a JSON object, so it is not a ${kind === "arm" ? "what-if result or ARM template" : "Terraform plan"}; ${HINT}.`,
    );
  if (kind === "terraform") return { resources: parseTerraformPlan(doc, file), armTemplate: false };
  return { resources: parseArm(doc, file, options.armParameters), armTemplate: !isWhatIf(doc) && isArmTemplate(doc) };
}

/** Parses a plan document's text in `format`, or in the format detected from it. */
export function parsePlanText(text: string, file: string, format?: InputFormat): PlannedResource[] {
  return parsePlan(text, file, { format }).resources;
}

/** Reads and parses a plan file of any supported format. */
export function readPlan(file: string, options: PlanReadOptions = {}): PlanRead {
  let text: string;
  try {
    text = decodeJsonBytes(readFileSync(file));
  } catch (e) {
    throw new InputError(
      `cannot read the plan file ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); check the path.`,
    );
  }
  return parsePlan(text, file, options);
}

/** Reads and parses a plan file of any supported format (`format`: default detected). */
export function readPlanFile(file: string, format?: InputFormat): PlannedResource[] {
  return readPlan(file, { format }).resources;
}
