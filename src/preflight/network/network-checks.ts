/** The summary checks of the network preflight: dc-ports, entra-endpoints and tls-inspection, each citing its requirement. */
import { cite, dcPort, portRangeText, REQUIREMENTS, type Requirement } from "../../requirements";
import type { CheckResult, CheckStatus } from "../../report/check-result";
import type { EndpointProbeResult, PortProbeResult } from "./network-report";

function check(id: string, status: CheckStatus, requirement: Requirement, message: string): CheckResult {
  return { id, status, message, requirement: requirement.id, category: requirement.category };
}

/** "dc1.example.com TCP 3268 (Global Catalog)". */
export function portLabel(p: PortProbeResult): string {
  return `${p.host} ${p.protocol.toUpperCase()} ${portRangeText({ port: p.port, toPort: p.toPort ?? p.port })} (${dcPort(p.service).description})`;
}

/** dc-ports: fail when a port is closed or filtered, warn when one could not be tested, else pass. */
export function dcPortsCheck(ports: readonly PortProbeResult[]): CheckResult {
  const requirement = REQUIREMENTS.dcPorts;
  const hosts = [...new Set(ports.map((p) => p.host))].join(", ");
  const notOpen = ports.filter((p) => p.verdict === "closed" || p.verdict === "filtered");
  const untested = ports.filter((p) => p.verdict === "untested");
  const tested = ports.length - untested.length;
  if (notOpen.length > 0) {
    const list = notOpen.map((p) => `${portLabel(p)} ${p.verdict}`).join("; ");
    return check(
      "dc-ports",
      "fail",
      requirement,
      `${notOpen.length} of ${tested} DC ports probed are not open: ${list}. Open them from this server to every DC ` +
        `(network firewall, NSG, and the DC's Windows Firewall), then run this check again; ${cite(requirement)}.`,
    );
  }
  if (untested.length > 0) {
    const list = untested.map((p) => `${portLabel(p)}: ${p.detail}`).join("; ");
    return check(
      "dc-ports",
      "warn",
      requirement,
      `All ${tested} DC ports probed are open on ${hosts}; not tested: ${list.replace(/\.$/, "")}. Verify those from this server; ${cite(requirement)}.`,
    );
  }
  return check("dc-ports", "pass", requirement, `All ${tested} DC ports are open on ${hosts}; ${cite(requirement)}.`);
}

/**
 * entra-endpoints: fail when an endpoint is unreachable, warn when a pattern names no host to probe, else pass.
 * `proxy` is the --proxy the probes went through, if any.
 */
export function entraEndpointsCheck(endpoints: readonly EndpointProbeResult[], proxy: string | undefined): CheckResult {
  const requirement = REQUIREMENTS.entraEndpoints;
  const unreachable = endpoints.filter((e) => e.verdict === "unreachable");
  const untested = endpoints.filter((e) => e.verdict === "untested");
  const reachable = endpoints.length - unreachable.length - untested.length;
  if (unreachable.length > 0) {
    const list = unreachable.map((e) => `${e.url} (${e.detail})`).join("; ");
    return check(
      "entra-endpoints",
      "fail",
      requirement,
      `${unreachable.length} of ${endpoints.length - untested.length} endpoints are unreachable from this server: ${list}. ` +
        `Allow outbound HTTPS (and HTTP for CRL/OCSP) to them in the firewall, or through the proxy Entra Connect is ` +
        `configured with (${proxy ? `these probes went through --proxy ${proxy}` : "these probes connected directly: pass --proxy if this server uses one"}); ` +
        `${cite(requirement)}.`,
    );
  }
  if (untested.length > 0) {
    const list = untested.map((e) => e.url).join(", ");
    return check(
      "entra-endpoints",
      "warn",
      requirement,
      `${reachable} endpoints are reachable; not probed, as their patterns name no concrete host: ${list}. Add ` +
        `--endpoint https://HOST for a host of each pattern your tenant uses; ${cite(requirement)}.`,
    );
  }
  return check("entra-endpoints", "pass", requirement, `All ${reachable} endpoints are reachable; ${cite(requirement)}.`);
}

/** tls-inspection: fail when a chain is not Entra's, warn when no HTTPS endpoint completed a handshake, else pass. */
export function tlsInspectionCheck(endpoints: readonly EndpointProbeResult[]): CheckResult {
  const requirement = REQUIREMENTS.noTlsInspection;
  const detected = endpoints.filter((e) => e.tlsInspection === "detected");
  const clean = endpoints.filter((e) => e.tlsInspection === "none");
  if (detected.length > 0) {
    const list = detected.map((e) => `${e.url} presents [${e.chain.join(" <- ")}] (${e.detail})`).join("; ");
    return check(
      "tls-inspection",
      "fail",
      requirement,
      `TLS inspection detected on ${detected.length} endpoint${detected.length === 1 ? "" : "s"}: ${list}. Exempt the Entra ` +
        `endpoints from TLS inspection on the proxy or firewall (its bypass list); an inspected path makes sync fail ` +
        `with TLS errors, often hours after it started; ${cite(requirement)}.`,
    );
  }
  if (clean.length === 0) {
    return check(
      "tls-inspection",
      "warn",
      requirement,
      `Not checked: no HTTPS endpoint completed a TLS handshake, so no certificate chain could be inspected. Fix ` +
        `entra-endpoints first, then run this check again; ${cite(requirement)}.`,
    );
  }
  const roots = [...new Set(clean.map((e) => e.issuer))].join(", ");
  return check(
    "tls-inspection",
    "pass",
    requirement,
    `No TLS inspection: ${clean.length} HTTPS endpoint${clean.length === 1 ? "" : "s"} present chains ending in ${roots}; ${cite(requirement)}.`,
  );
}
