/** The hand-built CLDAP ping, DNS query and Kerberos AS-REQ, and the recognition of their replies. */
import { execFileSync } from "node:child_process";
import { applicationTag, constructed, integer, octetString, readTlv } from "../../src/preflight/network/ber";
import { cldapPingRequest, describeCldapReply } from "../../src/preflight/network/cldap-ping";
import { describeDnsReply, dnsSoaQuery } from "../../src/preflight/network/dns-query";
import { describeKerberosReply, kerberosAsRequest } from "../../src/preflight/network/kerberos-as-req";
import { cldapResponder, kdcResponder } from "./support/fake-dc";

/** openssl's independent DER parser, one line per element. */
function asn1parse(der: Buffer): string {
  return execFileSync("openssl", ["asn1parse", "-inform", "DER", "-i"], { input: der }).toString();
}

describe("BER encoder", () => {
  test.each([
    [0, "020100"],
    [5, "020105"],
    [127, "02017f"],
    [128, "02020080"],
    [0x01020304, "020401020304"],
  ])("integer(%d) is %s", (value, hex) => {
    expect(integer(value).toString("hex")).toBe(hex);
  });

  test("a long content gets a long-form length that readTlv reads back", () => {
    const der = octetString(Buffer.alloc(300, 0x41));
    expect(der.subarray(0, 4).toString("hex")).toBe("0482012c");
    expect(readTlv(der)).toEqual({ tag: 0x04, contentStart: 4, end: 304 });
  });

  test("readTlv refuses a truncated TLV", () => {
    expect(readTlv(Buffer.from("3005020101", "hex"))).toBeUndefined();
  });
});

describe("CLDAP ping", () => {
  test("is the LDAP searchRequest for the rootDSE's Netlogon with (&(NtVer=\\06\\00\\00\\00))", () => {
    const request = cldapPingRequest(1);
    expect(request.toString("hex")).toBe(
      "3033020101632e04000a01000a0100020100020100010100a00fa30d04054e74566572040406000000300a04084e65746c6f676f6e",
    );
    const parsed = asn1parse(request);
    expect(parsed).toContain("appl [ 3 ]");
    expect(parsed).toContain(":NtVer");
    expect(parsed).toContain(":Netlogon");
  });

  test("recognises a searchResEntry and a searchResDone with the same message id only", () => {
    const entry = constructed([integer(7), constructed([octetString("")], applicationTag(4))]);
    const done = cldapResponder(cldapPingRequest(7)) ?? Buffer.alloc(0);
    expect(describeCldapReply(entry, 7)).toBe("LDAP message 7, searchResEntry");
    expect(describeCldapReply(done, 7)).toBe("LDAP message 7, searchResDone");
    expect(describeCldapReply(entry, 8)).toBeUndefined();
    expect(describeCldapReply(Buffer.from("not ldap"), 7)).toBeUndefined();
  });
});

describe("DNS query", () => {
  test("asks for the SOA of the domain with recursion desired", () => {
    expect(dnsSoaQuery(0x1234, "corp.example.com").toString("hex")).toBe(
      "12340100000100000000000004636f7270076578616d706c6503636f6d0000060001",
    );
    expect(dnsSoaQuery(1, "").subarray(12).toString("hex")).toBe("0000060001");
  });

  test("recognises a response with the same id, and names its rcode", () => {
    const reply = Buffer.from("123485830001000000000000", "hex");
    expect(describeDnsReply(reply, 0x1234)).toBe("DNS reply NXDOMAIN, 0 answers");
    expect(describeDnsReply(Buffer.from("123485800001000100000000", "hex"), 0x1234)).toBe("DNS reply NOERROR, 1 answer");
    expect(describeDnsReply(reply, 0x1235)).toBeUndefined();
    expect(describeDnsReply(Buffer.from("123401000001000000000000", "hex"), 0x1234)).toBeUndefined();
  });
});

describe("Kerberos AS-REQ", () => {
  test("is an AS-REQ (pvno 5, msg-type 10) for krbtgt/REALM with the nonce", () => {
    const request = kerberosAsRequest("CORP.EXAMPLE.COM", 0x01020304);
    expect(request.subarray(0, 16).toString("hex")).toBe("6a81a33081a0a103020105a20302010a");
    const parsed = asn1parse(request);
    expect(parsed).toContain("appl [ 10 ]");
    expect(parsed).toContain("GENERALIZEDTIME   :20370913024805Z");
    expect(parsed).toContain("INTEGER           :01020304");
    expect(request.includes(Buffer.from("krbtgt"))).toBe(true);
    expect(request.includes(Buffer.from("CORP.EXAMPLE.COM"))).toBe(true);
  });

  test("recognises a KRB-ERROR with its error code, and an AS-REP", () => {
    expect(describeKerberosReply(kdcResponder(Buffer.alloc(0)) ?? Buffer.alloc(0))).toBe("KRB-ERROR 6 KDC_ERR_C_PRINCIPAL_UNKNOWN");
    expect(describeKerberosReply(constructed([], applicationTag(11)))).toBe("AS-REP");
    expect(describeKerberosReply(Buffer.from("3000", "hex"))).toBeUndefined();
  });
});
