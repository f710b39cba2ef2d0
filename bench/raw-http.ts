// The lightest load generator that still speaks real HTTP/1.1 over loopback: one kept-alive TCP socket per
// simulated client, the request written as one string, the answer read for its status, Content-Length and
// body only. The client shares the machine's two cores with the server, so every microsecond it spends per
// request is taken from the server it measures; node:http parses and builds far more than this needs.
import { connect, type Socket } from 'node:net';
import type { Answer } from './http-client.ts';

const HEADER_END = Buffer.from('\r\n\r\n');
/** Header bytes of one answer at most; more means the server is not answering as this client expects. */
const HEADER_BYTES_MAX = 16 * 1024;

interface Waiting {
  resolve: (answer: Answer) => void;
  reject: (error: Error) => void;
}

/** One connection, one request at a time (HTTP/1.1 keep-alive without pipelining), as a single client does. */
export class RawConnection {
  private received: Buffer = Buffer.alloc(0);
  private waiting: Waiting | null = null;

  private constructor(
    private readonly socket: Socket,
    private readonly host: string,
    private readonly token: string,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => this.fail(new Error('the server closed the connection')));
  }

  static open(baseUrl: string, token: string): Promise<RawConnection> {
    const url = new URL(baseUrl);
    return new Promise((resolve, reject) => {
      const socket = connect({ host: url.hostname, port: Number(url.port) }, () => {
        socket.off('error', reject);
        resolve(new RawConnection(socket, url.host, token));
      });
      socket.once('error', reject);
    });
  }

  /** POSTs a JSON body already serialised; resolves once the whole answer has arrived. */
  post(path: string, body: string, idempotencyKey: string): Promise<Answer> {
    if (this.waiting) return Promise.reject(new Error('one request at a time on a connection'));
    const head =
      `POST ${path} HTTP/1.1\r\nhost: ${this.host}\r\nauthorization: Bearer ${this.token}\r\n` +
      `content-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n` +
      `idempotency-key: ${idempotencyKey}\r\n\r\n`;
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.socket.write(head + body);
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    this.received = this.received.length === 0 ? chunk : Buffer.concat([this.received, chunk]);
    const headerEnd = this.received.indexOf(HEADER_END);
    if (headerEnd < 0) {
      if (this.received.length > HEADER_BYTES_MAX) this.fail(new Error('answer header too long'));
      return;
    }
    const header = this.received.toString('latin1', 0, headerEnd);
    const length = /\r\ncontent-length: *(\d+)/i.exec(header)?.[1];
    if (length === undefined) {
      this.fail(new Error(`answer without Content-Length: ${header}`));
      return;
    }
    const bodyStart = headerEnd + HEADER_END.length;
    const bodyEnd = bodyStart + Number(length);
    if (this.received.length < bodyEnd) return;
    const answer = {
      status: Number(header.slice(9, 12)),
      body: this.received.toString('utf8', bodyStart, bodyEnd),
    };
    this.received = this.received.subarray(bodyEnd);
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.resolve(answer);
  }

  private fail(error: Error): void {
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.reject(error);
  }
}
