/**
 * The CrossGuard pack. `npm run build` bundles this file, src/policies and the requirements catalogue into
 * bin/index.js (only @pulumi/policy and @pulumi/pulumi stay external), so `pulumi preview --policy-pack
 * policy-pack` starts without ts-node and `pulumi policy publish` packs everything it runs.
 */
import { PolicyPack } from "@pulumi/policy";
import { POLICIES, POLICY_PACK_NAME } from "../src/policies";

new PolicyPack(POLICY_PACK_NAME, {
  description: "Entra Connect Sync prerequisites: OS, sizing, SQL, Tier 0, network, version and TLS inspection.",
  policies: [...POLICIES],
});
