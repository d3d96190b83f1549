/** The network preflight: DC ports, outbound Entra endpoints and TLS inspection detection. */
export { runNetworkPreflight, type NetworkPreflightOptions } from "./run-network-preflight";
export type {
  EndpointProbeResult,
  NetworkPreflightReport,
  PortProbeResult,
  PortVerdict,
  TlsInspection,
  EndpointVerdict,
} from "./network-report";
export { renderNetworkReportText } from "./render-network-report";
