/**
 * The server side of TLS in TDS 7.x ([MS-TDS] 3.3.5.2 "encryption negotiated in PRELOGIN"): the handshake
 * records travel inside PRELOGIN packets, then TLS records flow raw on the socket. The client finishes its
 * handshake only after the server's last flight, so the first raw bytes from the client end the wrapping.
 */
import { Duplex } from "node:stream";
import { TLSSocket, createSecureContext } from "node:tls";
import { PACKET, writeMessage } from "./tds-wire";

const HEADER_LENGTH = 8;

/** The byte stream under the server's TLSSocket: unwraps and wraps PRELOGIN packets while handshaking. */
class PreloginTlsTransport extends Duplex {
  private pending = Buffer.alloc(0);
  private handshaking = true;

  constructor(private readonly socket: Duplex) {
    super();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (this.handshaking) writeMessage(this.socket, PACKET.prelogin, chunk);
    else this.socket.write(chunk);
    callback();
  }

  override _read(): void {
    // Data is pushed by receive().
  }

  /** Bytes from the client: PRELOGIN packets are unwrapped; anything else is raw TLS and ends the handshake. */
  receive(chunk: Buffer): void {
    this.pending = Buffer.concat([this.pending, chunk]);
    while (this.pending.length > 0) {
      if (this.handshaking && this.pending[0] === PACKET.prelogin) {
        if (this.pending.length < HEADER_LENGTH) return;
        const length = this.pending.readUInt16BE(2);
        if (length < HEADER_LENGTH) throw new Error(`not a TDS packet: length ${length} in the header`);
        if (this.pending.length < length) return;
        this.push(this.pending.subarray(HEADER_LENGTH, length));
        this.pending = this.pending.subarray(length);
      } else {
        this.handshaking = false;
        this.push(this.pending);
        this.pending = Buffer.alloc(0);
      }
    }
  }
}

/** A TLS server session over `socket` negotiated through PRELOGIN; feed it every later byte of the socket. */
export function acceptPreloginTls(
  socket: Duplex,
  pem: { readonly key: string; readonly cert: string },
): { readonly cleartext: TLSSocket; receive(chunk: Buffer): void } {
  const transport = new PreloginTlsTransport(socket);
  // TDS 7.x servers negotiate TLS 1.2 inside PRELOGIN; TLS 1.3 is for TDS 8.0.
  const secureContext = createSecureContext({ key: pem.key, cert: pem.cert, maxVersion: "TLSv1.2" });
  const cleartext = new TLSSocket(transport, { isServer: true, secureContext });
  return { cleartext, receive: (chunk) => transport.receive(chunk) };
}
