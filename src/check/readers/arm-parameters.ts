/**
 * The ARM deployment parameters file `entra-gate check --parameters FILE` reads, so that a compiled template's
 * `[parameters('x')]` is the value the deployment passes (then the template's defaultValue, else unknown).
 *
 * Shapes read (Microsoft Learn, "Create Resource Manager parameters file",
 * learn.microsoft.com/azure/azure-resource-manager/templates/parameter-files):
 * - `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
 *   "contentVersion": "1.0.0.0", "parameters": {"NAME": {"value": ...}}}`, where an entry may instead be a Key Vault
 *   reference `{"reference": {"keyVault": {"id": ...}, "secretName": ...}}`, resolved only at deployment;
 *   `az bicep build-params --file main.bicepparam --outfile main.parameters.json` writes this document;
 * - `az bicep build-params ... --stdout`, which prints `{"parametersJson": "<that document as a string>",
 *   "templateJson": ...}`.
 * A `.bicepparam` file is Bicep, not JSON: it is refused, naming `az bicep build-params` (Microsoft Learn, "Create
 * parameters files for Bicep deployment": "You can compile Bicep parameters files into JSON parameters files to deploy
 * with a Bicep file. See build-params.").
 *
 * ARM itself refuses a parameters file that names a parameter the template does not declare, or gives a value of
 * another type than the declared one; so does `check`, for that template. No value is ever printed: messages name
 * parameters and JSON types only.
 */
import { isRecord } from "../../plan/is-record";
import { InputError } from "../../support/errors";
import { describeBytes, FileTooLargeError, readBytesCapped } from "../../support/files";
import { safeText } from "../../support/redact";
import { decodeJsonBytes, parseJsonText } from "../json-text";

/** ARM's limit on a parameters file ("The parameter file is also limited to 4 MB", ARM template best practices). */
export const MAX_ARM_PARAMETERS_FILE_BYTES = 4 * 1024 * 1024;

/** One parameter's entry: a literal value, or a Key Vault reference known only at deployment. */
export type ArmParameterEntry = { readonly value: unknown } | { readonly reference: unknown };

/** A parameters file, read and checked for shape. */
export interface ArmParametersFile {
  /** The path as given to --parameters (messages name it). */
  readonly file: string;
  /** Where the file was named, for messages: `--parameters` (CLI) or `gate.yaml check.parameters`. */
  readonly field: string;
  /** The entries by parameter name, as written. */
  readonly parameters: Readonly<Record<string, ArmParameterEntry>>;
}

const SHAPE =
  'an ARM parameters file ({"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "parameters": {"NAME": {"value": ...}}}), as `az bicep build-params --file main.bicepparam --outfile main.parameters.json` writes it';

/** The `--parameters` flag's name, the default field of messages. */
export const PARAMETERS_FLAG = "--parameters";

/** The one-paragraph refusal of a .bicepparam file. */
function bicepparamRefusal(file: string, field: string): InputError {
  return new InputError(
    `${field} ${file} is a Bicep parameters file (.bicepparam), which is Bicep, not JSON, and entra-gate does not compile Bicep. Build it into an ARM parameters file first: \`az bicep build-params --file ${file} --outfile main.parameters.json\` (Bicep CLI 0.18.4 or later), then give ${field} main.parameters.json.`,
  );
}

/** True for the text of a .bicepparam file: comments, then a `using` statement. */
function looksLikeBicepparam(text: string): boolean {
  return /^\s*(?:\/\/[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*using\s/.test(text);
}

/**
 * Reads and checks the parameters file named by `field` (--parameters, or gate.yaml check.parameters); InputError
 * naming the field, the file and the fix.
 */
export function readArmParametersFile(file: string, field: string = PARAMETERS_FLAG): ArmParametersFile {
  if (/\.bicepparam$/i.test(file)) throw bicepparamRefusal(file, field);
  let text: string;
  try {
    text = decodeJsonBytes(readBytesCapped(file, MAX_ARM_PARAMETERS_FILE_BYTES));
  } catch (e) {
    if (e instanceof FileTooLargeError) {
      throw new InputError(
        `${field} ${file}: larger than ${describeBytes(MAX_ARM_PARAMETERS_FILE_BYTES)}, the most ARM accepts for a parameters file. Give the deployment's parameters file.`,
      );
    }
    throw new InputError(`${field} ${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? "error"}); check the path.`);
  }
  return parseArmParameters(text, file, field);
}

/**
 * True for a deployment parameters document given where a plan is expected: the deploymentParameters `$schema`, or
 * `az bicep build-params --stdout`'s `parametersJson`.
 */
export function isArmParametersDocument(doc: unknown): boolean {
  return (
    isRecord(doc) &&
    ((typeof doc.$schema === "string" && /deploymentParameters/i.test(doc.$schema)) || typeof doc.parametersJson === "string")
  );
}

/** Checks the text of a parameters file (see readArmParametersFile). */
export function parseArmParameters(text: string, file: string, field: string = PARAMETERS_FLAG): ArmParametersFile {
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    if (looksLikeBicepparam(text)) throw bicepparamRefusal(file, field);
    throw new InputError(`${field} ${file} is not valid JSON (${parsed.where}); give ${SHAPE}.`);
  }
  let doc = parsed.value;
  if (isRecord(doc) && typeof doc.parametersJson === "string") {
    // `az bicep build-params --stdout`: the parameters document is a string inside.
    const inner = parseJsonText(doc.parametersJson);
    if (!inner.ok) throw new InputError(`${field} ${file}: its "parametersJson" is not valid JSON (${inner.where}); give ${SHAPE}.`);
    doc = inner.value;
  }
  if (!isRecord(doc)) throw new InputError(`${field} ${file} is not a JSON object; give ${SHAPE}.`);
  if ((typeof doc.$schema === "string" && /deploymentTemplate/i.test(doc.$schema)) || "resources" in doc) {
    throw new InputError(`${field} ${file} is an ARM template, not a parameters file; pass the template as a plan file and give ${SHAPE}.`);
  }
  if (!isRecord(doc.parameters)) {
    throw new InputError(`${field} ${file} has no "parameters" object, so it is not an ARM parameters file; give ${SHAPE}.`);
  }
  const parameters: Record<string, ArmParameterEntry> = {};
  for (const [name, entry] of Object.entries(doc.parameters)) {
    if (!isRecord(entry) || !("value" in entry || "reference" in entry)) {
      throw new InputError(
        `${field} ${file}: parameters.${safeText(name)} has neither "value" nor "reference"; write it as {"value": ...} (or a Key Vault reference).`,
      );
    }
    parameters[name] = "value" in entry ? { value: entry.value } : { reference: entry.reference };
  }
  return { file, field, parameters };
}

/** The JSON type of a value, for messages (never the value itself: it may be a secret). */
function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (isRecord(value)) return "an object";
  return `a ${typeof value}`;
}

/** Whether a value fits a declared ARM parameter type (string, int, bool, object, array; secure types are not read). */
function fitsType(type: string, value: unknown): boolean {
  switch (type.toLowerCase()) {
    case "string":
      return typeof value === "string";
    case "int":
      return Number.isInteger(value);
    case "bool":
      return typeof value === "boolean";
    case "object":
      return isRecord(value);
    case "array":
      return Array.isArray(value);
    default:
      return true;
  }
}

/**
 * The entries of `parameters` for a template, keyed as the template declares them. Throws InputError (the template
 * file is then not checked) for a parameter the template does not declare, or a value of another type than the
 * declared one: ARM refuses both ("The template parameters '...' in the parameters file are not valid; they are not
 * present in the original template"; "Template parameter JToken type is not valid").
 */
export function parametersForTemplate(
  template: Record<string, unknown>,
  parameters: ArmParametersFile,
  templateFile: string,
): Record<string, ArmParameterEntry> {
  const declared = isRecord(template.parameters) ? template.parameters : {};
  const out: Record<string, ArmParameterEntry> = {};
  const undeclared: string[] = [];
  for (const [name, entry] of Object.entries(parameters.parameters)) {
    const match = Object.keys(declared).find((d) => d.toLowerCase() === name.toLowerCase());
    if (match === undefined) {
      undeclared.push(safeText(name));
      continue;
    }
    const declaration = declared[match];
    const type = isRecord(declaration) && typeof declaration.type === "string" ? declaration.type : "";
    if ("value" in entry && !fitsType(type, entry.value)) {
      throw new InputError(
        `${templateFile}: ${parameters.field} ${parameters.file} gives parameters.${safeText(name)}.value as ${jsonType(entry.value)}, but the template declares ${safeText(match)} as ${safeText(type)}; ARM refuses the deployment. Give a ${safeText(type)} value.`,
      );
    }
    out[match] = entry;
  }
  if (undeclared.length > 0) {
    throw new InputError(
      `${templateFile}: ${parameters.field} ${parameters.file} gives ${undeclared.join(", ")}, which the template does not declare; ARM refuses such a deployment ("not present in the original template"). Pass the parameters file built for this template, or check the template without ${parameters.field}.`,
    );
  }
  return out;
}
