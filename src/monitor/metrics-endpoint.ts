/**
 * `metricsEndpoint`: `GET /metrics` (or another path) answering with the Prometheus text of a
 * metrics source: `TextMetrics`, or a prom-client `Registry` (same `contentType` + `metrics()`).
 * `beforeScrape` refreshes values only known at scrape time (the reference server's open
 * sessions). Mounted with one call per request, like the dashboard.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** What can be scraped: `TextMetrics`, or prom-client's `Registry`. */
export interface MetricsSource {
  readonly contentType: string;
  metrics(): string | Promise<string>;
}

export interface MetricsEndpointOptions {
  /** Default `/metrics`. */
  path?: string;
  /** Called before each scrape (e.g. to set a gauge read from elsewhere). */
  beforeScrape?: () => void;
}

export interface MetricsEndpoint {
  /** Serve `req` when it asks for the metrics path; false otherwise. */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
}

export function metricsEndpoint(source: MetricsSource, options: MetricsEndpointOptions = {}): MetricsEndpoint {
  const path = options.path ?? '/metrics';
  return {
    handle(req, res) {
      if (new URL(req.url ?? '/', 'http://localhost').pathname !== path) return false;
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end('use GET\n');
        return true;
      }
      req.resume();
      options.beforeScrape?.();
      Promise.resolve(source.metrics()).then(
        (text) => {
          res.writeHead(200, { 'content-type': source.contentType, 'cache-control': 'no-store' });
          res.end(req.method === 'HEAD' ? undefined : text);
        },
        () => res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('metrics unavailable\n'),
      );
      return true;
    },
  };
}
