/** The findings as CSV (RFC 4180), one row per finding, for a spreadsheet. */
import type { DirectoryFinding } from "./report";

const HEADER = ["dn", "objectClass", "attribute", "value", "errors", "suggestion", "related"] as const;

/**
 * Quotes a field; a value that a spreadsheet would run as a formula (leading = + - @, tab or CR) gets a leading
 * apostrophe, the usual guard against CSV injection.
 */
function field(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Renders the findings; lists (errors, related DNs) are joined with "; ". */
export function renderFindingsCsv(findings: readonly DirectoryFinding[]): string {
  const rows = [HEADER.join(",")];
  for (const f of findings) {
    rows.push(
      [f.dn, f.objectClass, f.attribute, f.value, f.errors.join("; "), f.suggestion ?? "", f.related.join("; ")].map(field).join(","),
    );
  }
  return `${rows.join("\r\n")}\r\n`;
}
