/**
 * `entra-gate check` reads previews saved by Windows PowerShell (issue 14 item 15). In Windows PowerShell 5.1 the
 * redirection operators and Out-File write UTF-16LE ("Unicode"), and every Unicode encoding there writes a BOM;
 * PowerShell 6+ writes UTF-8 without one, and `Out-File -Encoding utf8` in 5.1 writes UTF-8 with a BOM
 * (learn.microsoft.com, about_Character_Encoding). Out-File ends lines with CRLF.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { runCheck } from "../../src/check/check";
import { decodeJsonBytes } from "../../src/check/json-text";

const tmp = mkdtempSync(path.join(tmpdir(), "entra-enc-"));
const crlf = (name: string): string => readFileSync(path.join("examples", name), "utf8").replace(/\n/g, "\r\n");
const utf16le = (text: string): Buffer => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
const utf16be = (text: string): Buffer => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, "utf16le").swap16()]);
const utf8Bom = (text: string): Buffer => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]);
const save = (name: string, bytes: Buffer): string => {
  const p = path.join(tmp, name);
  writeFileSync(p, bytes);
  return p;
};

describe("previews saved by Windows PowerShell", () => {
  it.each([
    ["UTF-16LE with BOM (Windows PowerShell 5.1 `>`)", utf16le],
    ["UTF-8 with BOM (Out-File -Encoding utf8)", utf8Bom],
    ["UTF-16BE with BOM", utf16be],
  ])("reads %s and gives the verdict of the plain file", async (label, encode) => {
    const plain = await runCheck({ files: ["examples/public-rdp-preview.json"] });
    const file = save(`${label.slice(0, 8)}.json`, encode(crlf("public-rdp-preview.json")));
    const report = await runCheck({ files: [file] });
    expect(report.summary).toEqual(plain.summary);
    expect(report.summary.mandatory).toBe(3);
    expect(report.violations.map((v) => v.message)).toEqual(plain.violations.map((v) => v.message));
  });

  it("reads a policy config saved as UTF-16LE with BOM", async () => {
    const config = save("config.json", utf16le('{ "all": "advisory" }\r\n'));
    const report = await runCheck({ files: ["examples/public-rdp-preview.json"], policyConfigFile: config });
    expect(report.summary).toEqual({ mandatory: 0, advisory: 3 });
  });

  it("decodes non-ASCII text and leaves BOM-less UTF-8 as it is", () => {
    expect(decodeJsonBytes(utf16le('{"n":"Zoë"}'))).toBe('{"n":"Zoë"}');
    expect(decodeJsonBytes(Buffer.from('{"n":"Zoë"}'))).toBe('{"n":"Zoë"}');
  });
});
