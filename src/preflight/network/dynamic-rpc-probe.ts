/**
 * The dynamic RPC range is not scanned (16,384 ports): the DC's endpoint mapper is asked which port it serves
 * DRSUAPI on, and that one port is probed. When the endpoint mapper does not say, the range is `untested`.
 */
import { dcPort, portRangeText, type DcPort } from "../../requirements";
import type { PortProbeResult } from "./network-report";
import { lookupDrsuapiPort } from "./rpc-endpoint-mapper";
import { probeTcp } from "./socket-probes";

/** A port's verdict with the port it applies to (a single port, or the range when untested). */
export type PortFinding = Pick<PortProbeResult, "port" | "toPort" | "verdict" | "detail">;

/** Arguments of the dynamic RPC probe. */
export interface DynamicRpcProbeArgs {
  /** The catalogue's dynamic RPC range. */
  readonly range: DcPort;
  readonly address: string;
  readonly timeoutMs: number;
}

/** Looks up DRSUAPI's port with the endpoint mapper and connects to it; the range is `untested` when the lookup fails. */
export async function probeDynamicRpc(args: DynamicRpcProbeArgs): Promise<PortFinding> {
  const mapper = dcPort("rpc-endpoint-mapper");
  const rangeText = portRangeText(args.range);
  const answer = await lookupDrsuapiPort({ address: args.address, port: mapper.port, timeoutMs: args.timeoutMs });
  if ("problem" in answer) {
    return {
      port: args.range.port,
      toPort: args.range.toPort,
      verdict: "untested",
      detail:
        `${answer.problem}, so no port of ${rangeText} was probed (the range is not scanned: ${args.range.toPort - args.range.port + 1} ports). ` +
        `Allow the whole range to the DC, and verify on Windows with \`portqry -n DC -e ${mapper.port}\`.`,
    };
  }
  const outcome = await probeTcp({ address: args.address, port: answer.port, timeoutMs: args.timeoutMs });
  const inRange = answer.port >= args.range.port && answer.port <= args.range.toPort;
  return {
    port: answer.port,
    verdict: outcome.verdict,
    detail:
      `DRSUAPI (directory replication, used by password hash sync) is on TCP ${answer.port} says the endpoint mapper` +
      `${inRange ? "" : `, outside ${rangeText}`}: ${outcome.detail}; the other ports of ${rangeText} are not scanned`,
  };
}
