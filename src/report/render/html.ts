/**
 * A self-contained HTML page (inline CSS and JS, no external assets) for an admin or a change request: the
 * verdict at a glance, the categories as a checklist with evidence and fixes, the sizing decision, and the
 * directory findings as a sortable, filterable table.
 */
import type { CategoryStatus, CategoryVerdict, DirectoryFinding, GateReport, SizingDecision } from "../gate-report";
import { coverHint, describePlannedOnly } from "./text";

/** Escapes text for HTML element content and quoted attributes. */
function htmlEscape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${{ "&": "amp", "<": "lt", ">": "gt", '"': "quot", "'": "#39" }[c]};`);
}

const LABEL: Record<CategoryStatus, string> = {
  pass: "Pass",
  warn: "Warn",
  fail: "Fail",
  planned: "Planned only",
  "not-checked": "Not checked",
};
const VERDICT: Record<GateReport["verdict"], string> = {
  ready: "Ready",
  "ready-to-build": "Ready to build (planned evidence accepted)",
  "not-ready": "Not ready",
  "could-not-check": "Could not check",
  incomplete: "Incomplete",
};

const CSS = `
:root{--pass:#1a7f37;--warn:#9a6700;--fail:#cf222e;--none:#6e7781;--bg:#f6f8fa;--line:#d0d7de;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328}
body{margin:0;background:var(--bg)}
header{padding:20px 32px;color:#fff}
header.ready{background:var(--pass)}header.not-ready{background:var(--fail)}header.could-not-check{background:var(--warn)}
header h1{margin:0 0 6px;font-size:24px}header p{margin:0;opacity:.9;font-size:13px}
.counts{display:flex;gap:12px;list-style:none;padding:0;margin:12px 0 0}
.counts li{background:rgba(255,255,255,.18);border-radius:6px;padding:6px 12px;font-weight:600}
main{padding:16px 32px;max-width:1200px}
section{background:#fff;border:1px solid var(--line);border-radius:8px;padding:16px 20px;margin-bottom:16px}
h2{margin:0 0 12px;font-size:18px}
.checklist{list-style:none;margin:0;padding:0}
.category{border-top:1px solid var(--line);padding:10px 0;display:grid;grid-template-columns:110px 1fr;gap:4px 12px}
.category:first-child{border-top:0}
.category h3{margin:0;font-size:15px}
.badge{display:inline-block;text-align:center;border-radius:12px;padding:2px 10px;font-size:12px;font-weight:700;color:#fff;height:18px;line-height:18px}
.s-pass .badge,.check.s-pass:before{background:var(--pass)}.s-warn .badge,.check.s-warn:before{background:var(--warn)}
.s-fail .badge,.check.s-fail:before{background:var(--fail)}.s-not-checked .badge,.s-planned .badge{background:var(--none)}
.evidence{grid-column:2;list-style:none;margin:4px 0 0;padding:0;font-size:13px}
.check{margin:4px 0;padding-left:14px;position:relative}
.check:before{content:"";position:absolute;left:0;top:6px;width:8px;height:8px;border-radius:50%}
.check code{font-weight:600}.source{color:var(--none)}
.reason,.planned-only{grid-column:2;margin:2px 0 0;font-size:13px;color:var(--none)}
dl{display:grid;grid-template-columns:max-content 1fr;gap:6px 16px;margin:0}dt{font-weight:600}dd{margin:0}
.filters{display:flex;gap:8px;align-items:center;margin-bottom:8px}
.filters input{flex:1;padding:6px 8px;border:1px solid var(--line);border-radius:6px}
.filters select{padding:6px;border:1px solid var(--line);border-radius:6px}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
th{white-space:nowrap}td{overflow-wrap:anywhere}
td.dn{white-space:nowrap}.dn-rest{display:none}
th button{all:unset;cursor:pointer;font-weight:700}
th[aria-sort=ascending] button:after{content:" \\25B2"}th[aria-sort=descending] button:after{content:" \\25BC"}
tr[hidden]{display:none}
.empty{color:var(--none)}
`;

const SCRIPT = `
(function(){
  var table=document.getElementById("findings");if(!table)return;
  var body=table.tBodies[0],rows=Array.prototype.slice.call(body.rows);
  var text=document.getElementById("filter"),kind=document.getElementById("kind-filter"),shown=document.getElementById("shown");
  function apply(){
    var q=text.value.trim().toLowerCase(),k=kind.value,n=0;
    rows.forEach(function(r){var ok=(!q||r.textContent.toLowerCase().indexOf(q)>=0)&&(!k||r.getAttribute("data-kinds").split(" ").indexOf(k)>=0);r.hidden=!ok;if(ok)n++;});
    shown.textContent=n+" of "+rows.length+" shown";
  }
  text.addEventListener("input",apply);kind.addEventListener("change",apply);
  Array.prototype.forEach.call(table.tHead.rows[0].cells,function(th,i){
    th.querySelector("button").addEventListener("click",function(){
      var dir=th.getAttribute("aria-sort")==="ascending"?"descending":"ascending";
      Array.prototype.forEach.call(table.tHead.rows[0].cells,function(o){o.setAttribute("aria-sort","none");});
      th.setAttribute("aria-sort",dir);
      rows.sort(function(a,b){var c=a.cells[i].textContent.localeCompare(b.cells[i].textContent,undefined,{numeric:true,sensitivity:"base"});return dir==="ascending"?c:-c;});
      rows.forEach(function(r){body.appendChild(r);});
    });
  });
  apply();
})();
`;

function category(c: CategoryVerdict): string {
  const checks = c.checks
    .map(
      (k) =>
        `<li class="check s-${k.status}"><code>${htmlEscape(k.id)}</code> ${htmlEscape(k.message)} <span class="source">(${htmlEscape(k.source)}, <span class="evidence">${k.evidence}</span>)</span></li>`,
    )
    .join("");
  return `<li class="category s-${c.status}" data-category="${c.id}" data-status="${c.status}"><span class="badge">${LABEL[c.status]}</span><h3>${htmlEscape(c.title)}</h3>${c.plannedOnly ? `<p class="planned-only">Planned only, not observed: ${htmlEscape(describePlannedOnly(c.plannedOnly))}</p>` : ""}${checks ? `<ul class="evidence">${checks}</ul>` : ""}${c.reason ? `<p class="reason">Not checked: ${htmlEscape(c.reason)}</p>` : ""}${c.waiver ? `<p class="waiver">Waived in gate.yaml (not a pass): ${htmlEscape(c.waiver.reason)}</p>` : ""}</li>`;
}

function sizing(z: SizingDecision | undefined): string {
  if (!z) return `<p class="empty">No object count: set objectCount in gate.yaml or configure the AD source.</p>`;
  const rows: [string, string][] = [
    ["Objects", `${z.objectCount.toLocaleString("en-US")} (${z.objectCountSource})`],
    ["Tier", z.tier],
    ["Memory", `${z.ramGb} GB`],
    ["OS disk", `${z.diskGb} GB`],
    [
      "Database",
      z.database === "sql" ? "Full SQL Server required" : z.fullSqlRecommended ? "LocalDB fits; full SQL Server recommended" : "LocalDB",
    ],
    ["VM size", z.vmSize],
  ];
  return `<dl id="sizing-decision">${rows.map(([k, v]) => `<dt>${k}</dt><dd>${htmlEscape(v)}</dd>`).join("")}</dl>`;
}

/**
 * A DN as its first RDN, the full DN on hover; the rest stays in the cell (hidden) so that filtering and
 * sorting still see the whole DN. The first RDN ends at the first comma that is not escaped (RFC 4514).
 */
function dnCell(dn: string): string {
  const first = /^(?:\\.|[^,])*/.exec(dn)?.[0] ?? dn;
  return `<td class="dn" title="${htmlEscape(dn)}"><span class="rdn">${htmlEscape(first)}</span><span class="dn-rest">${htmlEscape(dn.slice(first.length))}</span></td>`;
}

function findings(list: readonly DirectoryFinding[]): string {
  if (list.length === 0) return `<p class="empty">No directory findings in this report.</p>`;
  const kinds = [...new Set(list.flatMap((f) => f.kinds))].sort();
  const head = ["Object", "Class", "Attribute", "Value", "Kinds", "Proposed fix"]
    .map((h) => `<th aria-sort="none"><button type="button">${h}</button></th>`)
    .join("");
  const rows = list
    .map(
      (f) =>
        `<tr data-kinds="${htmlEscape(f.kinds.join(" "))}">${dnCell(f.distinguishedName)}<td>${htmlEscape(f.objectClass)}</td><td>${htmlEscape(f.attribute)}</td><td>${htmlEscape(f.value)}</td><td>${htmlEscape(f.kinds.join(", "))}</td><td>${htmlEscape(f.fix ?? "")}</td></tr>`,
    )
    .join("\n");
  return `<div class="filters"><input id="filter" type="search" placeholder="Filter by any text" aria-label="Filter findings"><select id="kind-filter" aria-label="Kind"><option value="">All kinds</option>${kinds.map((k) => `<option value="${htmlEscape(k)}">${htmlEscape(k)}</option>`).join("")}</select><span id="shown"></span></div><table id="findings"><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>`;
}

export function renderGateHtml(report: GateReport): string {
  const s = report.summary;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Entra Connect readiness: ${VERDICT[report.verdict]}</title><style>${CSS}</style></head>
<body>
<header class="${report.verdict}" id="summary"><h1>Entra Connect readiness: <span id="verdict">${VERDICT[report.verdict]}</span></h1>
<p>Generated ${htmlEscape(report.generatedAt)} from ${htmlEscape(report.configPath)}; exit code ${report.exitCode}</p>
<ul class="counts"><li>${s.pass} pass</li><li>${s.warn} warn</li><li>${s.fail} fail</li><li>${s.planned} planned only</li><li>${s["not-checked"]} not checked</li></ul>${report.uncovered.length > 0 ? `<p id="uncovered">Not covered by observed evidence: ${report.uncovered.map((u) => `${htmlEscape(u.category)} (${htmlEscape(coverHint(u.sections))})`).join("; ")}</p>` : ""}</header>
<main>
<section id="categories"><h2>Categories</h2><ol class="checklist">${report.categories.map(category).join("\n")}</ol></section>
<section id="sizing"><h2>Sizing decision</h2>${sizing(report.sizing)}</section>
<section id="directory"><h2>Directory findings (${report.directoryFindings.length})</h2>${findings(report.directoryFindings)}</section>
<section id="sources"><h2>Sources</h2><ul>${report.sources.map((r) => `<li><strong>${htmlEscape(r.name)}</strong>: ${r.state}${r.detail ? ` (${htmlEscape(r.detail)})` : ""}</li>`).join("")}</ul></section>
</main>
<script>${SCRIPT}</script>
</body></html>
`;
}
