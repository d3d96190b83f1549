/** The readiness gate over all categories. */
export { runGate, type RunGateOptions } from "./run-gate";
export { loadGateConfig, parseGateConfig, gateConfigSchema, type GateConfig } from "./config";
export { GATE_SOURCES } from "./sources";
export type { GateSource, GateContext, PreparedSource, SourceOutput, SharedFacts } from "./source";
export type * from "../report/gate-report";
