// A light HTTP client for the benchmarks: node:http over kept-alive sockets, so the load generator, which
// shares the machine's cores with the server, spends as little as it can per request (fetch costs more).
import { Agent, request } from 'node:http';

export interface Answer {
  status: number;
  body: string;
}

export class BenchClient {
  private readonly agent: Agent;

  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    /** Sockets kept open at most: one per concurrent caller. */
    socketsMax: number,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets: socketsMax });
  }

  /** POSTs a JSON body already serialised; resolves once the whole answer has arrived. */
  post(path: string, body: string, idempotencyKey: string): Promise<Answer> {
    return this.send('POST', path, body, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      'idempotency-key': idempotencyKey,
    });
  }

  /** GETs a path (with its query string); resolves once the whole answer has arrived. */
  get(path: string): Promise<Answer> {
    return this.send('GET', path, '', {});
  }

  private send(
    method: string,
    path: string,
    body: string,
    headers: Record<string, string | number>,
  ): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const outgoing = request(
        `${this.baseUrl}${path}`,
        {
          method,
          agent: this.agent,
          headers: { authorization: `Bearer ${this.token}`, ...headers },
        },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('end', () =>
            resolve({ status: incoming.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
          );
          incoming.on('error', reject);
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
