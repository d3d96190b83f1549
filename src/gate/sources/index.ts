/**
 * The gate's sources in the order they run; facts flow from earlier to later ones. The cloud runs before AD so
 * its verified domains feed AD's unverifieddomain rule; its object-limit check therefore takes the count from
 * gate.yaml `objectCount` or the planned server's tag, and AD's count (later) drives the sizing decision and the
 * server source's LocalDB advice.
 */
import type { GateSource } from "../source";
import { adSource } from "./ad";
import { cloudSource } from "./cloud";
import { networkSource } from "./network";
import { policyCheckSource } from "./policy-check";
import { serverSource } from "./server";
import { sqlSource } from "./sql";

export const GATE_SOURCES: readonly GateSource[] = [policyCheckSource, cloudSource, adSource, sqlSource, serverSource, networkSource];
