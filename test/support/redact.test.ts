/** The shared redaction and control-character helpers (issue 14 item 3): what is removed, what is kept. */
import {
  markControlCharacters,
  neutraliseControlCharacters,
  redactSecrets,
  safeMultilineText,
  safeText,
  stripControlCharacters,
} from "../../src/support/redact";

const JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJlLXZhbHVl";

describe("redactSecrets", () => {
  it.each([
    ["Authorization: Bearer abc.DEF-123_x~/+==", "Authorization: Bearer [redacted]"],
    ["authorization: bearer tok123", "authorization: bearer [redacted]"],
    [`{"error":"bad","echo":"${JWT}"}`, `{"error":"bad","echo":"[redacted]"}`],
    ["Authorization: Basic dXNlcjpwYXNzd29yZA==", "Authorization: Basic [redacted]"],
    ["Server=sql01;User Id=sa;Password=S3cr=t!x;Encrypt=true", "Server=sql01;User Id=sa;Password=[redacted];Encrypt=true"],
    ["PASSWORD = hunter2 with spaces", "PASSWORD = [redacted]"],
    ["uid=sa;pwd=p@ss;", "uid=sa;pwd=[redacted];"],
    [
      "error: unknown option '--password=hunter2'\n(Did you mean --password-file?)",
      "error: unknown option '--password=[redacted]\n(Did you mean --password-file?)",
    ],
    ["grant_type=x&client_secret=abc~def&scope=y", "grant_type=x&client_secret=[redacted]&scope=y"],
    ['{"access_token": "tok", "expires_in": 3599}', '{"access_token": "[redacted]", "expires_in": 3599}'],
  ])("%j -> %j", (input, expected) => {
    expect(redactSecrets(input)).toBe(expected);
  });

  it("leaves ordinary text alone", () => {
    const text = "SQL Server sql01,1433 refused the login of entra-installer: check --password-env.";
    expect(redactSecrets(text)).toBe(text);
  });
});

describe("stripControlCharacters", () => {
  it.each([
    ["red \u001b[31mALERT\u001b[0m done", "red ALERT done"],
    ["title\u001b]0;pwned\u0007 after", "title after"],
    ["link \u001b]8;;https://evil.example/\u001b\\click\u001b]8;;\u001b\\ end", "link click end"],
    ["8-bit \u009b2J csi and \u009d0;t\u009c osc", "8-bit  csi and  osc"],
    ["reset\u001bc terminal", "reset terminal"],
    ["nul\u0000 bel\u0007 del\u007f nel\u0085 end", "nul bel del nel end"],
    ["tab\tline\nfeed", "tablinefeed"],
  ])("%j -> %j", (input, expected) => {
    expect(stripControlCharacters(input)).toBe(expected);
  });

  it("keeps tab and line feed when asked, but never a carriage return", () => {
    expect(stripControlCharacters("a\tb\r\nc\u001b[2K", { keepLayout: true })).toBe("a\tb\nc");
  });

  it("marks each lone control character with '?' for directory values", () => {
    expect(markControlCharacters("Ann\u0007e\u009b")).toBe("Ann?e?");
  });
});

describe("safeText and safeMultilineText", () => {
  it("strips before redacting, so a control character cannot hide a password from the redaction", () => {
    expect(safeText("Pass\u001b[0mword=hunter2;x")).toBe("Password=[redacted];x");
    expect(safeText("line one\nline two\tthree")).toBe("line one line two three");
    expect(safeMultilineText("Bearer abc\n\u001b[31mred")).toBe("Bearer [redacted]\nred");
  });
});

describe("neutraliseControlCharacters (the guard on every report)", () => {
  it("keeps a JSON report lossless: DEL and C1 become JSON escapes that parse back to the same value", () => {
    const value = { dn: "CN=a\u009b31mb,DC=x", note: "del\u007f", esc: "\u001b[31m" };
    const out = neutraliseControlCharacters(JSON.stringify(value));
    expect(out).toBe(stripControlCharacters(out, { keepLayout: true }));
    expect(JSON.parse(out)).toEqual(value);
  });

  it("removes escape sequences and lone C0 controls from text, keeping the layout", () => {
    expect(neutraliseControlCharacters("a\u001b]0;x\u0007b\tc\nd\u0008e\u0085")).toBe("ab\tc\nde\\u0085");
  });
});

describe("neutraliseControlCharacters keeps CRLF line ends (CSV) but no lone carriage return", () => {
  it("keeps \\r\\n and drops a \\r that would overwrite the line", () => {
    expect(neutraliseControlCharacters("a,b\r\nc,d\rspoof\r\n")).toBe("a,b\r\nc,dspoof\r\n");
  });
});
