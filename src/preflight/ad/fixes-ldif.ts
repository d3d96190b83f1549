/**
 * The proposed fixes as LDIF (RFC 2849) for an admin to review and apply with their own tools: the preflight
 * itself never writes to the directory. Single-valued attributes are replaced; a proxyAddresses value is deleted
 * and its fix added, leaving the object's other addresses alone.
 */
import type { DirectoryFinding } from "./report";

/**
 * RFC 2849 SAFE-STRING: ASCII without NUL, CR, LF; not starting with space, ":" or "<"; we also refuse a trailing
 * space and every other control character (base64 keeps an escape sequence in a value off the reviewer's terminal).
 */
function isSafe(value: string): boolean {
  if (value.startsWith(" ") || value.startsWith(":") || value.startsWith("<") || value.endsWith(" ")) return false;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code >= 0x7f) return false;
  }
  return true;
}

function line(attribute: string, value: string): string {
  return value === "" || isSafe(value) ? `${attribute}: ${value}` : `${attribute}:: ${Buffer.from(value, "utf8").toString("base64")}`;
}

function comment(text: string): string {
  return `# ${text.replace(/[\r\n]+/g, " ")}`;
}

/** The LDIF of every finding that has a proposed fix; findings without one are listed as comments to resolve by hand. */
export function renderFixesLdif(findings: readonly DirectoryFinding[]): string {
  const out = [
    "# Proposed fixes from entra-gate preflight ad. Review every change before applying it, e.g.:",
    "#   ldapmodify -H ldaps://dc01.corp.example.com -D <admin> -W -f fixes.ldif",
    "# The preflight never writes to the directory.",
    "version: 1",
    "",
  ];
  const manual: DirectoryFinding[] = [];
  for (const f of findings) {
    if (f.suggestion === null) {
      manual.push(f);
      continue;
    }
    out.push(comment(`${f.attribute}: ${f.errors.join(", ")}`), line("dn", f.dn), "changetype: modify");
    if (f.attribute === "proxyAddresses") {
      out.push(
        "delete: proxyAddresses",
        line("proxyAddresses", f.value),
        "-",
        "add: proxyAddresses",
        line("proxyAddresses", f.suggestion),
        "-",
      );
    } else {
      out.push(`replace: ${f.attribute}`, line(f.attribute, f.suggestion), "-");
    }
    out.push("");
  }
  if (manual.length > 0) {
    out.push(comment(`${manual.length} findings have no mechanical fix (duplicates, conflicts, lengths): resolve them by hand.`));
    for (const f of manual)
      out.push(
        comment(
          `${f.dn} ${f.attribute} ${JSON.stringify(f.value)}: ${f.errors.join(", ")}${f.related.length ? ` (also ${f.related.join("; ")})` : ""}`,
        ),
      );
  }
  return `${out.join("\n")}\n`;
}
