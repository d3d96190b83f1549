/**
 * Issue 9, done when: the README's "Running the real deployment" and "What stays manual" say what the admin must
 * do for both stacks (items 3, 9, 13 and 14). Each fact below is Microsoft's:
 * - outbound: new VNets have no default outbound access
 *   (https://learn.microsoft.com/azure/virtual-network/ip-services/default-outbound-access); DNS that resolves the
 *   AD domain and the Entra endpoints (Entra Connect prerequisites, "Connectivity":
 *   https://learn.microsoft.com/entra/identity/hybrid/connect/how-to-connect-install-prerequisites);
 * - Windows LAPS backup to AD: Update-LapsADSchema, then Set-LapsADComputerSelfPermission on the computers' OU
 *   (https://learn.microsoft.com/windows-server/identity/laps/laps-scenarios-windows-server-active-directory);
 * - the SQL Server SPN is MSSQLSvc/<FQDN>:<port>
 *   (https://learn.microsoft.com/sql/database-engine/configure-windows/register-a-service-principal-name-for-kerberos-connections);
 * - "Create a dedicated account for all personnel with privileged access", privileged access workstations, and
 *   "Upgrading ODBC/OLE DB drivers' major or minor versions isn't supported" (Entra Connect prerequisites, "Harden
 *   your Microsoft Entra Connect server" and "SQL Server used by Microsoft Entra Connect"; MicrosoftDocs/entra-docs
 *   docs/identity/hybrid/connect/how-to-connect-install-prerequisites.md).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

const readme = readFileSync(join(__dirname, "..", "..", "README.md"), "utf8");

/** The text of a `### ` section of the README, up to the next heading. */
function section(title: string): string {
  const start = readme.indexOf(`### ${title}\n`);
  if (start < 0) throw new Error(`README has no section "${title}"`);
  const rest = readme.slice(start + title.length + 5);
  const end = rest.search(/^#{2,3} /m);
  return end < 0 ? rest : rest.slice(0, end);
}

test("Running the real deployment: outbound HTTPS and DNS for the join, dnsServers, and what restrictOutbound adds (item 13)", () => {
  const text = section("Running the real deployment").replace(/\s+/g, " ");
  for (const needed of [
    "**outbound HTTPS**",
    "new VNets have no default outbound access",
    "**DNS that resolves the AD domain**",
    "`dnsServers`",
    "outbound allow rules only document the paths",
    "`restrictOutbound: true`",
    "pulumi config set --secret sqlAdminPassword",
    "Changing `sqlCollation` after the first `pulumi up` recreates the SQL VM",
  ])
    expect(text).toContain(needed);
});

test("What stays manual: LAPS in AD, SPN and SQL login, dedicated admin on a PAW, ODBC/OLE DB, Kerberos before deny (items 3, 9, 14)", () => {
  const text = section("What stays manual").replace(/\s+/g, " ");
  for (const needed of [
    "`Update-LapsADSchema`",
    "`Set-LapsADComputerSelfPermission",
    "`MSSQLSvc/<fqdn>:<port>`",
    "`sqlHost` is the FQDN",
    "create a SQL login for the admin group that runs the wizard",
    "dedicated admin account used for nothing else",
    "Privileged Access Workstation",
    "**Never upgrade the ODBC and OLE DB drivers**",
    "the AD DS connector account and every admin account must authenticate with Kerberos",
    "Microsoft > Windows > NTLM > Operational",
  ])
    expect(text).toContain(needed);
});
