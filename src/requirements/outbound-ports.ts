/** The ports of the outbound path to Entra ID, for probing a URL that names no port. */
import type { OutboundEndpoint } from "./network";

/** HTTPS to the Entra ID and Connect Health endpoints. */
export const OUTBOUND_HTTPS_PORT = 443 satisfies OutboundEndpoint["port"];
/** HTTP for certificate revocation (CRL and OCSP). */
export const OUTBOUND_HTTP_PORT = 80 satisfies OutboundEndpoint["port"];
