/**
 * A fake AD forest on one DC that answers as a Windows Global Catalog does, next to its domain port, for what
 * Samba cannot show (Samba's GC port returns every attribute):
 *
 * - The GC holds a partial replica: "a GC server ... contains a partial replica of every other domain NC in the
 *   forest ... the attributes in the partial attribute set (PAS)" (MS-ADTS 3.1.1.1.8 "Global Catalog"), and a
 *   search through the GC port returns only PAS attributes, for every object, schema and configuration
 *   objects included (MS-ADTS 3.1.1.3.1.1.1: "attributes not in the PAS are not returned" on the GC port).
 * - A filter term on an attribute the GC does not hold evaluates to Undefined, hence false (RFC 4511 4.5.1.7
 *   three-valued filters; MS-ADTS 3.1.1.3.1.3.1 "Search Filters": an attribute absent from the replica has no
 *   value to match).
 * - isMemberOfPartialAttributeSet, nETBIOSName, msDS-EnabledFeature are not in the PAS (their MS-ADA pages list
 *   no "Is-Member-Of-Partial-Attribute-Set"); msDS-isRODC is constructed (MS-ADTS 3.1.1.4.5.59) and not
 *   returned on the GC; proxyAddresses is not in the PAS of a base schema (Exchange's schema update adds it).
 *   sAMAccountName is marked only by systemFlags FLAG_ATTR_REQ_PARTIAL_SET_MEMBER (0x2, MS-ADTS 2.2.10), which
 *   puts an attribute in the PAS whatever isMemberOfPartialAttributeSet says.
 * - An RODC lists LDAP_CAP_ACTIVE_DIRECTORY_PARTIAL_SECRETS_OID 1.2.840.113556.1.4.1920 in the rootDSE's
 *   supportedCapabilities (MS-ADTS 3.1.1.3.4.3.6) and its NTDS Settings object is of class nTDSDSARO.
 * - What the default sync rules read is in the PAS: groupType (MS-ADA1 Group-Type), userCertificate (MS-ADLS /
 *   MS-ADA3 X509-Cert, "isMemberOfPartialAttributeSet: TRUE") and Exchange's msExchRecipientTypeDetails.
 *
 * The forest: root domain DC=fake,DC=test (this DC's domain) and a child domain DC=eu,DC=fake,DC=test whose
 * objects the GC holds only partially. The GC listens on 3268 and the domain port on 389 of a free 127.0.0.x.
 */
import { createServer, type Server, type Socket } from "node:net";
import { BIND_RESPONSE, SEARCH_DONE, entry, result } from "./fake-ldap-server";

export type ForestMode = "writable" | "rodc-capability" | "rodc-class";

interface Obj {
  readonly dn: string;
  readonly attrs: Record<string, string[]>;
}

export const ROOT = "DC=fake,DC=test";
export const CHILD = "DC=eu,DC=fake,DC=test";
const CONFIG = `CN=Configuration,${ROOT}`;
const SCHEMA = `CN=Schema,${CONFIG}`;
const NTDS = `CN=NTDS Settings,CN=DC1,CN=Servers,CN=Default-First-Site-Name,CN=Sites,${CONFIG}`;
const RECYCLE_BIN = `CN=Recycle Bin Feature,CN=Optional Features,CN=Directory Service,CN=Windows NT,CN=Services,${CONFIG}`;

/** The partial attribute set of this fake forest (lower-case), as the schema objects below declare it. */
const PAS = new Set(
  ["objectClass", "cn", "name", "distinguishedName", "lDAPDisplayName", "systemFlags", "nCName", "objectSid"]
    .concat(["displayName", "givenName", "sn", "mail", "sAMAccountName", "userPrincipalName"])
    .concat(["groupType", "userCertificate", "msExchRecipientTypeDetails"])
    .map((a) => a.toLowerCase()),
);

function attributeSchema(name: string, pas: "member" | "flag" | "no"): Obj {
  const attrs: Record<string, string[]> = { objectClass: ["top", "attributeSchema"], cn: [name], lDAPDisplayName: [name] };
  if (pas === "member") attrs.isMemberOfPartialAttributeSet = ["TRUE"];
  attrs.systemFlags = [pas === "flag" ? "18" : "16"];
  return { dn: `CN=${name},${SCHEMA}`, attrs };
}

function person(cn: string, domain: string, values: Record<string, string[]>): Obj {
  return {
    dn: `CN=${cn},OU=Staff,${domain}`,
    attrs: { objectClass: ["top", "person", "organizationalPerson", "user"], cn: [cn], ...values },
  };
}

function computer(cn: string, values: Record<string, string[]>): Obj {
  return {
    dn: `CN=${cn},OU=Staff,${ROOT}`,
    attrs: { objectClass: ["top", "person", "organizationalPerson", "user", "computer"], cn: [cn], sAMAccountName: [`${cn}$`], ...values },
  };
}

function directory(mode: ForestMode): Obj[] {
  return [
    ...["displayName", "givenName", "sn", "mail", "userPrincipalName"].map((a) => attributeSchema(a, "member")),
    attributeSchema("sAMAccountName", "flag"),
    attributeSchema("proxyAddresses", "no"),
    {
      dn: NTDS,
      attrs: { objectClass: ["top", "applicationSettings", mode === "rodc-class" ? "nTDSDSARO" : "nTDSDSA"], "msDS-isRODC": ["FALSE"] },
    },
    { dn: `CN=Partitions,${CONFIG}`, attrs: { objectClass: ["top", "crossRefContainer"], "msDS-EnabledFeature": [RECYCLE_BIN] } },
    { dn: `CN=FAKE,CN=Partitions,${CONFIG}`, attrs: { objectClass: ["top", "crossRef"], nCName: [ROOT], nETBIOSName: ["FAKE"] } },
    { dn: `CN=EU,CN=Partitions,${CONFIG}`, attrs: { objectClass: ["top", "crossRef"], nCName: [CHILD], nETBIOSName: ["EU.FAKE"] } },
    person("Alice", ROOT, {
      sAMAccountName: ["alice"],
      userPrincipalName: ["alice@contoso.com"],
      proxyAddresses: ["SMTP:alice@contoso.com", "smtp:alice smith@contoso.com"],
    }),
    person("Bob", ROOT, { sAMAccountName: ["bob"], userPrincipalName: ["bob@contoso.com"], proxyAddresses: ["SMTP:bob@contoso.com"] }),
    person("Eve", CHILD, { sAMAccountName: ["eve"], userPrincipalName: ["eve@contoso.com"], proxyAddresses: ["smtp:eve doe@contoso.com"] }),
    // sAMAccountName is unique per domain: the child domain's "alice" is not a duplicate of the root's (issue 15 item 8).
    person("Alicia", CHILD, { sAMAccountName: ["alice"], userPrincipalName: ["alicia@contoso.com"] }),
    // Out of the default sync scope: an Exchange discovery mailbox (msExchRecipientTypeDetails DiscoveryMailbox 0x20000000).
    person("DiscoverySearchMailbox {D919BA05-46A6-415f-80AD-7E09334BB852}", ROOT, {
      sAMAccountName: ["SM_2a1b3c4d5e6f7a8b9"],
      msExchRecipientTypeDetails: ["536870912"],
    }),
    // Computers sync only with a userCertificate (the value stands for DER bytes: the preflight reads its presence).
    computer("WS100", { userCertificate: ["0\u0082\u0003\u00a1 DER certificate bytes"] }),
    computer("WS101", {}),
  ];
}

function rootDse(mode: ForestMode): Record<string, string[]> {
  return {
    dsServiceName: [NTDS],
    configurationNamingContext: [CONFIG],
    schemaNamingContext: [SCHEMA],
    defaultNamingContext: [ROOT],
    rootDomainNamingContext: [ROOT],
    forestFunctionality: ["7"],
    supportedCapabilities: ["1.2.840.113556.1.4.800", ...(mode === "rodc-capability" ? ["1.2.840.113556.1.4.1920"] : [])],
  };
}

/** One BER element: tag, and the offsets of its content and of the next element. */
interface Tlv {
  readonly tag: number;
  readonly start: number;
  readonly end: number;
}

function tlv(buf: Buffer, offset: number): Tlv {
  const tag = buf[offset] ?? 0;
  let len = buf[offset + 1] ?? 0;
  let start = offset + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + (buf[start + i] ?? 0);
    start += n;
  }
  return { tag, start, end: start + len };
}

function children(buf: Buffer, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let o = parent.start; o < parent.end; o = out[out.length - 1]!.end) out.push(tlv(buf, o));
  return out;
}

const text = (buf: Buffer, t: Tlv): string => buf.toString("utf8", t.start, t.end);

function valuesOf(obj: Obj, attribute: string, gc: boolean): string[] | undefined {
  const name = attribute.toLowerCase();
  if (gc && !PAS.has(name)) return undefined;
  const key = Object.keys(obj.attrs).find((k) => k.toLowerCase() === name);
  return key === undefined ? [] : obj.attrs[key];
}

/** RFC 4511 4.5.1.7 filter evaluation, three-valued: true, false, or undefined (an attribute the GC lacks). */
function evaluate(buf: Buffer, f: Tlv, obj: Obj, gc: boolean): boolean | undefined {
  const parts = f.tag === 0x87 ? [] : children(buf, f);
  switch (f.tag) {
    case 0xa0: {
      const r = parts.map((p) => evaluate(buf, p, obj, gc));
      return r.includes(false) ? false : r.includes(undefined) ? undefined : true;
    }
    case 0xa1: {
      const r = parts.map((p) => evaluate(buf, p, obj, gc));
      return r.includes(true) ? true : r.includes(undefined) ? undefined : false;
    }
    case 0xa2: {
      const r = evaluate(buf, parts[0]!, obj, gc);
      return r === undefined ? undefined : !r;
    }
    case 0x87: {
      const v = valuesOf(obj, text(buf, f), gc);
      return v === undefined ? undefined : v.length > 0;
    }
    case 0xa3: {
      const v = valuesOf(obj, text(buf, parts[0]!), gc);
      const wanted = text(buf, parts[1]!).toLowerCase();
      return v === undefined ? undefined : v.some((x) => x.toLowerCase() === wanted);
    }
    default:
      return undefined;
  }
}

function inScope(dn: string, base: string, scope: number): boolean {
  const d = dn.toLowerCase();
  const b = base.toLowerCase();
  if (scope === 0) return d === b;
  if (b === "") return scope === 2;
  if (!d.endsWith(`,${b}`)) return false;
  return scope === 2 || !d.slice(0, d.length - b.length - 1).includes(",");
}

function search(socket: Socket, buf: Buffer, id: number, op: Tlv, mode: ForestMode, gc: boolean): void {
  const [base, scope, , , , , filter, attrs] = children(buf, op);
  const baseDn = text(buf, base!);
  const scopeValue = buf[scope!.start] ?? 2;
  const wanted = children(buf, attrs!).map((a) => text(buf, a).toLowerCase());
  if (baseDn === "" && scopeValue === 0) {
    socket.write(entry(id, "", rootDse(mode)));
  } else {
    for (const obj of directory(mode)) {
      if (!inScope(obj.dn, baseDn, scopeValue) || evaluate(buf, filter!, obj, gc) !== true) continue;
      const out: Record<string, string[]> = {};
      for (const [k, v] of Object.entries(obj.attrs)) {
        if (gc && !PAS.has(k.toLowerCase())) continue;
        if (wanted.length && !wanted.includes(k.toLowerCase()) && !wanted.includes("*")) continue;
        out[k] = v;
      }
      socket.write(entry(id, obj.dn, out));
    }
  }
  socket.write(result(id, SEARCH_DONE));
}

function handle(socket: Socket, mode: ForestMode, gc: boolean): void {
  let pending = Buffer.alloc(0);
  socket.on("error", () => undefined);
  socket.on("data", (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    while (pending.length >= 2) {
      const msg = tlv(pending, 0);
      if (msg.end > pending.length) return;
      const [idTlv, op] = children(pending, msg);
      let id = 0;
      for (let i = idTlv!.start; i < idTlv!.end; i++) id = id * 256 + (pending[i] ?? 0);
      if (op!.tag === 0x60) socket.write(result(id, BIND_RESPONSE));
      else if (op!.tag === 0x63) search(socket, pending, id, op!, mode, gc);
      else if (op!.tag === 0x42) socket.end();
      pending = pending.subarray(msg.end);
    }
  });
}

function listen(server: Server, host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    server.once("error", () => resolve(false));
    server.listen(port, host, () => resolve(true));
  });
}

/** Starts the forest's DC on a free 127.0.0.x: the GC on 3268 and the domain port on 389 (plain LDAP). */
export async function startFakeAdForest(
  mode: ForestMode = "writable",
): Promise<{ host: string; gcUrl: string; stop: () => Promise<void> }> {
  const first = 2 + Math.floor(Math.random() * 250);
  for (let i = 0; i < 250; i++) {
    const host = `127.0.0.${2 + ((first + i) % 250)}`;
    const gc = createServer((s) => handle(s, mode, true));
    const domain = createServer((s) => handle(s, mode, false));
    if ((await listen(gc, host, 3268)) && (await listen(domain, host, 389))) {
      const close = (s: Server): Promise<void> => new Promise((done) => s.close(() => done()));
      return { host, gcUrl: `ldap://${host}:3268`, stop: async () => void (await Promise.all([close(gc), close(domain)])) };
    }
    gc.close();
    domain.close();
  }
  throw new Error("No free 127.0.0.x address with ports 3268 and 389 for the fake AD forest.");
}
