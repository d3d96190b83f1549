/**
 * The built pack under @pulumi/policy's real analyzer server, as `pulumi preview --policy-pack` runs it: started
 * with node from the pack folder, spoken to over gRPC on loopback with Pulumi's own protobuf client. It must
 * register every policy with its config schema, report violations at their level, and turn an unknown value into
 * a mandatory "cannot verify at preview" instead of the SDK's advisory "can't run policy".
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import { POLICIES } from "../../src/policies";

interface Message {
  toObject(): Record<string, unknown>;
}
interface StructModule {
  Struct: { fromJavaScript(value: Record<string, unknown>): unknown };
}
interface AnalyzerPb {
  AnalyzeRequest: new () => {
    setType(t: string): void;
    setProperties(s: unknown): void;
    setUrn(u: string): void;
    setName(n: string): void;
    setOptions(o: unknown): void;
  };
  AnalyzerResourceOptions: new () => unknown;
}
type Callback = (err: Error | null, response: Message) => void;
interface AnalyzerClient {
  getAnalyzerInfo(request: unknown, callback: Callback): void;
  analyze(request: unknown, callback: Callback): void;
  close(): void;
}
interface GrpcPb {
  AnalyzerClient: new (address: string, credentials: unknown) => AnalyzerClient;
}

const grpc = jest.requireActual<{ credentials: { createInsecure(): unknown } }>("@grpc/grpc-js");
const { AnalyzerClient } = jest.requireActual<GrpcPb>("@pulumi/pulumi/proto/analyzer_grpc_pb");
const analyzerPb = jest.requireActual<AnalyzerPb>("@pulumi/pulumi/proto/analyzer_pb");
const { Struct } = jest.requireActual<StructModule>("google-protobuf/google/protobuf/struct_pb");
const { Empty } = jest.requireActual<{ Empty: new () => unknown }>("google-protobuf/google/protobuf/empty_pb");
const { buildPolicyPack } = jest.requireActual<{ buildPolicyPack: () => string }>(path.join(__dirname, "..", "build.js"));

let pack: ChildProcess | undefined;
let client: AnalyzerClient;

beforeAll(async () => {
  buildPolicyPack();
  const child = spawn(process.execPath, ["bin/index.js"], { cwd: path.join(__dirname, ".."), stdio: ["ignore", "pipe", "pipe"] });
  pack = child;
  const port = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const m = /^(\d+)\s*$/m.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    child.on("exit", (code) => reject(new Error(`the pack exited with ${code} before printing its port: ${out}`)));
  });
  client = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
}, 30_000);

afterAll(() => {
  client?.close();
  if (pack?.pid !== undefined) process.kill(pack.pid);
});

const call = (method: "getAnalyzerInfo" | "analyze", request: unknown): Promise<Record<string, unknown>> =>
  new Promise((resolve, reject) => client[method](request, (err, response) => (err ? reject(err) : resolve(response.toObject()))));

async function analyze(
  type: string,
  props: Record<string, unknown>,
): Promise<{ policyname: string; enforcementlevel: number; message: string }[]> {
  const request = new analyzerPb.AnalyzeRequest();
  request.setType(type);
  request.setUrn(`urn:pulumi:dev::p::${type}::r`);
  request.setName("r");
  request.setOptions(new analyzerPb.AnalyzerResourceOptions());
  request.setProperties(Struct.fromJavaScript(props));
  const response = await call("analyze", request);
  return response.diagnosticsList as { policyname: string; enforcementlevel: number; message: string }[];
}

const coreVm = (sku: string, vmSize: string): Record<string, unknown> => ({
  tags: { "entra-connect-role": "sync-server", "entra-connect-object-count": "1000", "entra-connect-version": "2.6.92.0" },
  hardwareProfile: { vmSize },
  storageProfile: { imageReference: { publisher: "MicrosoftWindowsServer", offer: "WindowsServer", sku }, osDisk: { diskSizeGB: 128 } },
  securityProfile: { securityType: "TrustedLaunch", uefiSettings: { secureBootEnabled: true, vTpmEnabled: true }, encryptionAtHost: true },
});

describe("the pack under the real analyzer server", () => {
  it("registers every policy with its level and config schema", async () => {
    const info = await call("getAnalyzerInfo", new Empty());
    expect(info.name).toBe("entra-connect-gate");
    const policies = info.policiesList as { name: string; enforcementlevel: number; configschema?: unknown }[];
    expect(policies.map((p) => p.name)).toEqual(POLICIES.map((p) => p.name));
    expect(policies.every((p) => p.configschema !== undefined)).toBe(true);
  });

  it("reports a Server Core image as a mandatory violation, and nothing on a compliant server", async () => {
    expect(await analyze("azure-native:compute:VirtualMachine", coreVm("2022-datacenter-g2", "Standard_D2s_v5"))).toEqual([]);
    const diagnostics = await analyze("azure-native:compute:VirtualMachine", coreVm("2022-datacenter-core-g2", "Standard_D2s_v5"));
    expect(diagnostics.map((d) => [d.policyname, d.enforcementlevel])).toEqual([["entra-connect-disallow-server-core", 1]]);
    expect(diagnostics[0]?.message).toContain("Server Core is not supported; Desktop Experience is required.");
  });

  it("turns an unknown VM size into a mandatory 'cannot verify at preview', not the SDK's advisory", async () => {
    const diagnostics = await analyze(
      "azure-native:compute:VirtualMachine",
      coreVm("2022-datacenter-g2", "04da6b54-80e4-46f7-96ec-b56ff0331ba9"),
    );
    expect(diagnostics.map((d) => [d.policyname, d.enforcementlevel])).toEqual([["entra-connect-enforce-memory-sizing", 1]]);
    expect(diagnostics[0]?.message).toContain(
      "cannot verify at preview: the VM size (hardwareProfile.vmSize) is not known until the deployment runs.",
    );
  });
});
