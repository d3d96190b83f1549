/**
 * The gate's sources in the order they run: facts (object count, UPN suffixes) flow from earlier to later ones,
 * so the directory and plan sources come before the cloud.
 */
import type { GateSource } from "../source";
import { cloudSource } from "./cloud";
import { networkSource } from "./network";
import { policyCheckSource } from "./policy-check";
import { sqlSource } from "./sql";

export const GATE_SOURCES: readonly GateSource[] = [policyCheckSource, sqlSource, networkSource, cloudSource];
