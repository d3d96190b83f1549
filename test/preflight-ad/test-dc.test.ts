/** The shared test DC itself: it answers on every loopback service port the preflights probe, over TLS with our CA. */
import { readFileSync } from "node:fs";
import { Socket } from "node:net";
import { Client } from "ldapts";
import { dcUrls, describeWithDc } from "../support/samba/dc";

function tcpOpen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.setTimeout(3000);
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => (socket.destroy(), resolve(false)));
    socket.connect(port, host);
  });
}

describeWithDc("test DC", (dc) => {
  it("listens on the DC ports of its loopback address", async () => {
    const open = await Promise.all([53, 88, 135, 389, 445, 636, 3268, 3269].map((p) => tcpOpen(dc().host, p)));
    expect(open).toEqual([true, true, true, true, true, true, true, true]);
  });

  it("serves the Global Catalog over TLS with a certificate our CA issued for the loopback address", async () => {
    const client = new Client({ url: dcUrls(dc()).gcTls, tlsOptions: { ca: [readFileSync(dc().caFile)] } });
    try {
      await client.bind(dc().bindDn, dc().password);
      const { searchEntries } = await client.search("", { scope: "base", attributes: ["defaultNamingContext"] });
      expect(searchEntries[0]?.defaultNamingContext).toBe(dc().baseDn);
    } finally {
      await client.unbind();
    }
  });
});
