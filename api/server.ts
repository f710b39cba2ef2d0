// Serving the app over HTTP with @hono/node-server; closing stops new connections and waits for requests in flight.
import { type IncomingMessage, Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import type { Ledger } from '../ingest/index.ts';
import { type AppOptions, createApp } from './app.ts';

export interface ServeOptions extends AppOptions {
  /** 0 picks a free port; the URL reports the one chosen. */
  port: number;
  hostname?: string;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export function startServer(ledger: Ledger, options: ServeOptions): Promise<RunningServer> {
  const { port, hostname, ...appOptions } = options;
  const app = createApp(ledger, appOptions);
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname }, (info) => {
      server.off('error', reject);
      resolve({ url: urlOf(info, hostname), close: closer(server) });
    });
    server.once('error', reject);
  });
}

function urlOf(info: AddressInfo, hostname: string | undefined): string {
  const wildcard = !hostname || hostname === '0.0.0.0' || hostname === '::';
  const host = wildcard ? 'localhost' : hostname;
  return `http://${host.includes(':') ? `[${host}]` : host}:${info.port}`;
}

/**
 * close() stops accepting connections and ends the idle ones; a keep-alive connection whose request is still
 * in flight is ended as soon as that request has answered, rather than after the keep-alive timeout.
 */
function closer(server: ServerType): () => Promise<void> {
  let closing: Promise<void> | undefined;
  const endIdle = () => {
    if (closing && server instanceof Server) setImmediate(() => server.closeIdleConnections());
  };
  server.on('request', (_request: IncomingMessage, response: ServerResponse) =>
    response.once('finish', endIdle),
  );
  return () => {
    closing ??= new Promise((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
    });
    endIdle();
    return closing;
  };
}
