import * as pulumi from "@pulumi/pulumi";
import { EntraConnectServer, type EntraConnectServerArgs } from "../../src/components";
import { COMPLIANT_ARGS } from "../support/server-args";

/** Mocks that answer like Azure: ids from names, and a private IP on each NIC (10.0.2.4 for the server, .5 for SQL). */
const NIC_IPS: Readonly<Record<string, string>> = { "sync-nic": "10.0.2.4", "sync-sql-nic": "10.0.2.5" };

async function outputsOf(args: EntraConnectServerArgs): Promise<Record<string, unknown>> {
  await pulumi.runtime.setMocks(
    {
      newResource: (a) => {
        const ip = NIC_IPS[a.name];
        const inputs = a.inputs as { ipConfigurations?: Record<string, unknown>[] };
        const ipConfigurations = ip === undefined ? inputs.ipConfigurations : [{ ...inputs.ipConfigurations?.[0], privateIPAddress: ip }];
        return { id: a.custom ? `id-of-${a.name}` : undefined, state: { ...a.inputs, name: a.name, ipConfigurations } };
      },
      call: (a) => a.inputs,
    },
    "proj",
    "test",
    false,
  );
  try {
    const server = new EntraConnectServer("sync", args);
    const value = <T>(o: pulumi.Output<T>): Promise<T> => new Promise((resolve) => o.apply(resolve));
    return {
      vmId: await value(server.vmId),
      privateIp: await value(server.privateIp),
      sizing: server.sizing,
      sqlHost: await value(server.sqlHost),
    };
  } finally {
    await pulumi.runtime.disconnect();
  }
}

const base = COMPLIANT_ARGS;

describe("EntraConnectServer outputs: VM id, private IP, the sizing decision and the SQL host", () => {
  beforeEach(() => jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve()));
  afterEach(() => jest.restoreAllMocks());

  test("LocalDB: no SQL host", async () => {
    expect(await outputsOf(base)).toEqual({
      vmId: "id-of-sync-vm",
      privateIp: "10.0.2.4",
      sizing: {
        tier: "t1-under-50k",
        vmSize: "Standard_D2s_v5",
        memoryGib: 8,
        osDiskSizeGb: 128,
        database: "localdb",
        licenceNote: expect.any(String),
      },
      sqlHost: undefined,
    });
  });

  // Issue 9 item 3: the wizard reaches the remote SQL Server with Windows authentication; Kerberos needs a name the
  // SPN MSSQLSvc/<fqdn>:<port> matches, and an IP forces NTLM. The sqlHost is the SQL VM's FQDN in the joined domain.
  test("full SQL: the SQL VM's FQDN in the joined domain, with the port when it is not 1433", async () => {
    const sql = { ...base, objectCount: 250_000 };
    expect((await outputsOf(sql)).sqlHost).toBe("sync-sql.corp.example.com");
    expect((await outputsOf({ ...sql, sqlPort: 14330 })).sqlHost).toBe("sync-sql.corp.example.com,14330");
    expect((await outputsOf(sql)).sizing).toMatchObject({ database: "sql", vmSize: "Standard_D8s_v5", osDiskSizeGb: 512 });
  });
});
