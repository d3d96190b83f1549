import { retryAfterSeconds } from "../../src/preflight/cloud/graph-client";
import { permissionFor } from "../../src/preflight/cloud/graph-permissions";

describe("retryAfterSeconds", () => {
  const now = Date.parse("2026-11-27T12:00:00Z");
  it.each([
    ["5", 5],
    [" 120 ", 120],
    ["Fri, 27 Nov 2026 12:00:30 GMT", 30],
    ["Fri, 27 Nov 2026 11:00:00 GMT", 0],
    ["soon", 1],
    ["", 1],
    [undefined, 1],
  ])("reads %j as %d seconds", (header, seconds) => {
    expect(retryAfterSeconds(header, now)).toBe(seconds);
  });
});

describe("permissionFor", () => {
  // The least-privileged application permission of each request's v1.0 reference page (microsoftgraph/
  // microsoft-graph-docs-contrib api-reference/v1.0/includes/permissions/*-permissions.md), e.g.
  // user-list-transitivememberof-permissions.md: "Application | User.Read.All" (GroupMember.Read.All is only among
  // the higher privileged ones; issue 15 item 11); onpremisesdirectorysynchronization-get: delegated
  // OnPremDirectorySynchronization.Read.All, "Application | Not supported".
  it.each([
    ["organization?$select=id", "Organization.Read.All"],
    ["subscribedSkus", "Organization.Read.All"],
    ["directory/onPremisesSynchronization", "OnPremDirectorySynchronization.Read.All"],
    ["users/a%40contoso.com?$select=id", "User.Read.All"],
    ["users/123/transitiveMemberOf/microsoft.graph.group?$count=true", "User.Read.All"],
    ["roleManagement/directory/roleAssignments?$filter=x", "RoleManagement.Read.Directory"],
    ["roleManagement/directory/roleEligibilitySchedules", "RoleEligibilitySchedule.Read.Directory"],
    ["domains", "Directory.Read.All"],
  ])("%s needs %s", (path, permission) => {
    expect(permissionFor(path)).toBe(permission);
  });
});
