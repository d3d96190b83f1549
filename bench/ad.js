// npm run bench:ad [-- N]: the AD preflight's speed and memory, measured against baselines in the same run.
//
// 1. Scan: starts a Samba DC (test/support/samba/samba-dc.sh) on a free loopback address, seeds N users, groups
//    and contacts (default 5,000) with `ldbadd` on the DC's own database (the fast path), then times
//    runAdPreflight over the Global Catalog (TLS) against a plain `ldapsearch` paged fetch (LDAP_PAGE_SIZE per page) of
//    the same attributes over the same transport. Target: at most 1.3x.
// 2. Rule engine: 500,000 generated entries through the data rules in a child process. Targets: at least
//    100,000 objects per second, peak RSS under 512 MB.
const { Buffer } = require("node:buffer");
const { execFileSync, spawnSync } = require("node:child_process");
const { mkdtempSync, rmSync, writeFileSync } = require("node:fs");
const { createServer } = require("node:net");
const { tmpdir } = require("node:os");
const path = require("node:path");

const ROOT = path.join(__dirname, "..");
const SCRIPT = path.join(ROOT, "test", "support", "samba", "samba-dc.sh");
const RUNS = 3;
const ENGINE_ENTRIES = 500_000;
/** Objects seeded into the DC. Samba's ldbadd slows down as the domain grows (about 2 ms per object at 2,000, 10 ms at 8,000), so the default keeps the run to a few minutes. */
const DEFAULT_SEED = 5_000;
const { CHECKED_ATTRIBUTES, GLOBAL_CATALOG_PORT, GLOBAL_CATALOG_TLS_PORT, LDAP_PAGE_SIZE, LDAP_PORT, dcPort } = require(
  path.join(ROOT, "dist", "requirements"),
);
/** Ports the DC binds that another DC on the same loopback address would already hold. */
const DC_BIND_PORTS = [LDAP_PORT, GLOBAL_CATALOG_PORT, dcPort("smb").port, dcPort("dns").port];
const { SCAN_FILTER } = require(path.join(ROOT, "dist", "preflight", "ad", "run.js"));
/** What the preflight reads: its scope attributes and the checked ones. */
const { SCOPE_ATTRIBUTES } = require(path.join(ROOT, "dist", "preflight", "ad", "paged-scan.js"));
const SCAN_ATTRIBUTES = [...SCOPE_ATTRIBUTES, ...CHECKED_ATTRIBUTES];

/** The i-th generated object: mostly clean, with a few of every kind of problem. */
function generated(i) {
  const name = `bench.user${i}`;
  const kind = i % 10 === 0 ? "group" : i % 10 === 1 ? "contact" : "user";
  const domain = i % 97 === 0 ? "corp.local" : "contoso.com";
  // Duplicates come in pairs: objects 101k and 101k+1 share a mail address.
  const mail = i % 101 < 2 ? `dup${i - (i % 101)}@contoso.com` : `${name}@${domain}`;
  const values = {
    cn: [`Bench ${i}`],
    displayName: [i % 89 === 0 ? "  " : `Bench User ${i}`],
    mail: [mail],
    proxyAddresses: [`SMTP:${mail}`, `smtp:${name}@contoso.mail.onmicrosoft.com`, `sip:${name}@contoso.com`],
    mailNickname: [i % 83 === 0 ? `.${name}` : name],
  };
  if (kind === "user") {
    values.givenName = ["Bench"];
    values.sn = [`User ${i}`];
    values.sAMAccountName = [`bu${i}`];
    values.userPrincipalName = [i % 79 === 0 ? `bench user${i}@contoso.com` : `${name}@${domain}`];
  } else if (kind === "group") {
    values.sAMAccountName = [`bg${i}`];
  } else {
    values.targetAddress = [`SMTP:${name}@fabrikam.com`];
  }
  return { kind, values };
}

const CLASSES = {
  user: ["top", "person", "organizationalPerson", "user"],
  group: ["top", "group"],
  contact: ["top", "person", "organizationalPerson", "contact"],
};

function seedLdif(n, baseDn) {
  const ou = `OU=Bench,${baseDn}`;
  const out = [`dn: ${ou}\nobjectClass: organizationalUnit\nou: Bench\n`];
  for (let i = 0; i < n; i++) {
    const { kind, values } = generated(i);
    const lines = [`dn: CN=Bench ${i},${ou}`, ...CLASSES[kind].slice(-1).map((c) => `objectClass: ${c}`)];
    for (const [attr, vals] of Object.entries(values)) {
      for (const v of vals) lines.push(/^\s|\s$/.test(v) ? `${attr}:: ${Buffer.from(v).toString("base64")}` : `${attr}: ${v}`);
    }
    out.push(`${lines.join("\n")}\n`);
  }
  return out.join("\n");
}

function portFree(host, port) {
  return new Promise((resolve) => {
    const s = createServer();
    s.once("error", () => resolve(false));
    s.listen({ host, port, exclusive: true }, () => s.close(() => resolve(true)));
  });
}

async function freeAddress() {
  for (let i = 0; i < 250; i++) {
    const host = `127.0.0.${2 + ((process.pid + i) % 250)}`;
    const ok = await Promise.all(DC_BIND_PORTS.map((p) => portFree(host, p)));
    if (ok.every(Boolean)) return host;
  }
  throw new Error("no free 127.0.0.x address for the bench DC");
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function scanBench(n) {
  const host = await freeAddress();
  const runDir = path.join(mkdtempSync(path.join(tmpdir(), "entra-gate-bench-")), "dc");
  const dc = JSON.parse(
    require("node:fs").readFileSync(execFileSync("bash", [SCRIPT, "start", runDir, host], { encoding: "utf8" }).trim(), "utf8"),
  );
  try {
    const ldif = path.join(path.dirname(runDir), "bench.ldif");
    writeFileSync(ldif, seedLdif(n, dc.baseDn));
    let t = process.hrtime.bigint();
    execFileSync("ldbadd", ["--nosync", "-H", dc.samDb, ldif], { stdio: "ignore", maxBuffer: 1 << 26 });
    console.log(`seeded ${n.toLocaleString("en-US")} objects with ldbadd in ${(Number(process.hrtime.bigint() - t) / 1e9).toFixed(1)} s`);
    const { runAdPreflight } = require(path.join(ROOT, "dist", "preflight", "ad", "run.js"));
    const url = `ldaps://${host}:${GLOBAL_CATALOG_TLS_PORT}`;
    const ldapsearch = () => {
      const start = process.hrtime.bigint();
      const r = spawnSync(
        "ldapsearch",
        [
          "-x",
          "-LLL",
          "-H",
          url,
          "-D",
          dc.bindDn,
          "-w",
          dc.password,
          "-b",
          "",
          "-E",
          `pr=${LDAP_PAGE_SIZE}/noprompt`,
          SCAN_FILTER,
          ...SCAN_ATTRIBUTES,
        ],
        { env: { ...process.env, LDAPTLS_CACERT: dc.caFile }, stdio: ["ignore", "ignore", "pipe"], maxBuffer: 1 << 26 },
      );
      if (r.status !== 0) throw new Error(`ldapsearch failed: ${r.stderr}`);
      return Number(process.hrtime.bigint() - start) / 1e6;
    };
    const preflight = async () => {
      const start = process.hrtime.bigint();
      const report = await runAdPreflight({
        url,
        bindDn: dc.bindDn,
        password: dc.password,
        caFile: dc.caFile,
        verifiedDomains: ["contoso.com"],
      });
      return { ms: Number(process.hrtime.bigint() - start) / 1e6, report };
    };
    await preflight(); // warm-up (JIT, DC caches)
    ldapsearch();
    const base = [];
    const ours = [];
    let report;
    for (let i = 0; i < RUNS; i++) {
      base.push(ldapsearch());
      const r = await preflight();
      ours.push(r.ms);
      report = r.report;
    }
    const b = median(base);
    const o = median(ours);
    console.log(
      `scan of ${report.counts.total.toLocaleString("en-US")} objects (${report.findings.length.toLocaleString("en-US")} findings): ` +
        `preflight ${o.toFixed(0)} ms, ldapsearch paged fetch ${b.toFixed(0)} ms, ratio ${(o / b).toFixed(2)}x (target <= 1.3x)`,
    );
  } finally {
    execFileSync("bash", [SCRIPT, "stop", runDir], { stdio: "inherit" });
    rmSync(path.dirname(runDir), { recursive: true, force: true });
  }
}

/** Child process: the rule engine over generated entries; prints objects/s and peak RSS as JSON. */
function engineChild(count) {
  const { DirectoryDataRules } = require(path.join(ROOT, "dist", "preflight", "ad", "data-rules.js"));
  const rules = new DirectoryDataRules({ verifiedDomains: ["contoso.com"] });
  const ou = "OU=Bench,DC=corp,DC=example,DC=com";
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    const { kind, values } = generated(i);
    rules.add({ dn: `CN=Bench ${i},${ou}`, objectClass: CLASSES[kind], values });
  }
  const result = rules.finish();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  process.stdout.write(
    JSON.stringify({ count, seconds, findings: result.findings.length, maxRssMb: process.resourceUsage().maxRSS / 1024 }),
  );
}

async function main() {
  if (process.argv[2] === "--engine") return engineChild(Number(process.argv[3]));
  const n = Number(process.argv[2] ?? DEFAULT_SEED);
  const baseline = spawnSync(
    process.execPath,
    ["-e", "process.stdout.write(JSON.stringify({ maxRssMb: process.resourceUsage().maxRSS / 1024 }))"],
    { encoding: "utf8" },
  );
  const engine = spawnSync(process.execPath, [path.join(__dirname, "ad.js"), "--engine", String(ENGINE_ENTRIES)], {
    encoding: "utf8",
    maxBuffer: 1 << 24,
  });
  if (engine.status !== 0) throw new Error(`engine run failed: ${engine.stderr}`);
  const e = JSON.parse(engine.stdout);
  const idle = JSON.parse(baseline.stdout).maxRssMb;
  console.log(
    `rule engine: ${e.count.toLocaleString("en-US")} entries in ${e.seconds.toFixed(2)} s = ${Math.round(e.count / e.seconds).toLocaleString("en-US")} objects/s (target >= 100,000), ` +
      `${e.findings.toLocaleString("en-US")} findings, peak RSS ${e.maxRssMb.toFixed(0)} MB (target < 512 MB; an idle node: ${idle.toFixed(0)} MB)`,
  );
  await scanBench(n);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
