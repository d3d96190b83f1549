import {
  ATTRIBUTE_MAX_LENGTH,
  CHECKED_ATTRIBUTES,
  FOREST_FUNCTIONAL_LEVEL_NAMES,
  INSTALLER_ROLES,
  LAPS_BACKUP_DIRECTORIES,
  ENTRA_ID_PREMIUM_PLANS,
  LIMIT_LIFTING_LICENCES,
  MINIMUM_FOREST_FUNCTIONAL_LEVEL,
  NTLM_MODES,
  NTLM_REGISTRY_VALUES,
  OUTBOUND_ENDPOINTS,
  OUTBOUND_HTTPS_PORT,
  OUTBOUND_HTTP_PORT,
  SQL_ENGINE_EDITIONS,
  SQL_EXPRESS_ENGINE_EDITION,
  SQL_VM_OS_DISK_GB,
  TOLERATED_DIRECTORY_ERROR_KINDS,
  DIRECTORY_ERROR_KINDS,
  UNIQUE_ATTRIBUTES,
  entraIdPremiumLicenceOf,
  premiumDiskSizeFor,
  windowsLapsPolicy,
} from "../../src/requirements";

describe("server hardening", () => {
  test("NTLM: audit refuses nothing; deny refuses outgoing and incoming for domain accounts (local accounts still sign in)", () => {
    expect(NTLM_MODES).toEqual(["audit", "deny"]);
    const dwords = (mode: "audit" | "deny"): Record<string, number> =>
      Object.fromEntries(NTLM_REGISTRY_VALUES[mode].map((v) => [v.name, v.dword]));
    expect(dwords("audit")).toEqual({ AuditReceivingNTLMTraffic: 2, RestrictReceivingNTLMTraffic: 0, RestrictSendingNTLMTraffic: 1 });
    expect(dwords("deny")).toEqual({ AuditReceivingNTLMTraffic: 2, RestrictReceivingNTLMTraffic: 1, RestrictSendingNTLMTraffic: 2 });
    for (const mode of NTLM_MODES)
      for (const v of NTLM_REGISTRY_VALUES[mode]) expect(v.key).toBe("HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Lsa\\MSV1_0");
  });

  test.each([
    ["active-directory", 2],
    ["entra-id", 1],
  ] as const)("Windows LAPS backs up to %s (BackupDirectory %d) with 30-day, 20-character complex passwords", (directory, backup) => {
    expect(Object.fromEntries(windowsLapsPolicy(directory).map((v) => [v.name, v.dword]))).toEqual({
      BackupDirectory: backup,
      PasswordAgeDays: 30,
      PasswordLength: 20,
      PasswordComplexity: 4,
      PostAuthenticationActions: 3,
      PostAuthenticationResetDelay: 24,
    });
    expect(LAPS_BACKUP_DIRECTORIES).toContain(directory);
  });

  test("the SQL VM's OS disk is a Premium SSD size", () => {
    expect(premiumDiskSizeFor(SQL_VM_OS_DISK_GB)).toBe(SQL_VM_OS_DISK_GB);
  });
});

describe("tenant", () => {
  // Service plan names and ids: "Product names and service plan identifiers for licensing" (licensing-service-plan-reference).
  const plan = (servicePlanName: string, servicePlanId: string, provisioningStatus = "Success") => ({
    servicePlanName,
    servicePlanId,
    provisioningStatus,
  });
  test.each([
    [
      "AAD_PREMIUM (Entra ID P1, P1 for faculty, Microsoft 365 E3)",
      [plan("AAD_PREMIUM", "41781fb2-bc02-4b7c-bd55-b576c07bb09d")],
      "Microsoft Entra ID P1",
    ],
    [
      "AAD_PREMIUM_P2 next to AAD_PREMIUM",
      [plan("AAD_PREMIUM", "41781fb2-bc02-4b7c-bd55-b576c07bb09d"), plan("AAD_PREMIUM_P2", "eec0eb4f-6444-4f95-aba0-50c24d67f998")],
      "Microsoft Entra ID P2",
    ],
    ["the plan id alone", [{ servicePlanId: "41781FB2-BC02-4B7C-BD55-B576C07BB09D" }], "Microsoft Entra ID P1"],
    ["a disabled plan", [plan("AAD_PREMIUM", "41781fb2-bc02-4b7c-bd55-b576c07bb09d", "Disabled")], undefined],
    ["Power Automate only (FLOW_FREE)", [plan("FLOW_P2_VIRAL", "50e68c76-46c6-4674-81f9-75456511b170")], undefined],
    ["no plans", [], undefined],
  ])("%s: %p", (_what, plans, licence) => {
    expect(entraIdPremiumLicenceOf(plans)).toBe(licence);
  });

  test("every premium plan maps to a limit-lifting licence, and the installer roles have distinct template ids", () => {
    for (const p of ENTRA_ID_PREMIUM_PLANS) expect(LIMIT_LIFTING_LICENCES).toContain(p.licence);
    const ids = Object.values(INSTALLER_ROLES).map((r) => r.templateId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });
});

describe("outbound ports and SQL editions", () => {
  test("the probe ports are the ports of the endpoint table", () => {
    expect(new Set(OUTBOUND_ENDPOINTS.map((e) => e.port))).toEqual(new Set([OUTBOUND_HTTPS_PORT, OUTBOUND_HTTP_PORT]));
  });

  test("Express is not an Azure engine; Azure SQL Database and Managed Instance are", () => {
    expect(SQL_ENGINE_EDITIONS[SQL_EXPRESS_ENGINE_EDITION]).toEqual({ name: "Express", azure: false });
    expect(SQL_ENGINE_EDITIONS[5]?.azure).toBe(true);
    expect(SQL_ENGINE_EDITIONS[8]?.azure).toBe(true);
  });
});

describe("directory data figures", () => {
  test("UPN is unique and at most 113 characters; names are not unique", () => {
    expect(UNIQUE_ATTRIBUTES).toContain("userPrincipalName");
    expect(UNIQUE_ATTRIBUTES).not.toContain("displayName");
    expect(ATTRIBUTE_MAX_LENGTH.userPrincipalName).toBe(113);
    expect(Object.keys(ATTRIBUTE_MAX_LENGTH).sort()).toEqual([...CHECKED_ATTRIBUTES].sort());
  });

  test("tolerated kinds are error kinds; the minimum forest level is Windows Server 2003", () => {
    for (const kind of TOLERATED_DIRECTORY_ERROR_KINDS) expect(DIRECTORY_ERROR_KINDS).toContain(kind);
    expect(FOREST_FUNCTIONAL_LEVEL_NAMES[MINIMUM_FOREST_FUNCTIONAL_LEVEL]).toBe("Windows Server 2003");
  });
});
