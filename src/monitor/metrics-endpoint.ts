/**
 * `metricsEndpoint`: `GET /metrics` (or another path) answering with the Prometheus text of a
 * metrics source: `TextMetrics`, or a prom-client `Registry` (same `contentType` + `metrics()`).
 * `beforeScrape` refreshes values only known at scrape time (the handler's open sessions). An
 * `HttpRoute` (route.ts): mounted by the library's handler (`observe`), a node:http server
 * (`handle`) or a web framework (`fetch`).
 */
import { httpRoute, type HttpRoute } from './route.js';

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

export type MetricsEndpoint = HttpRoute;

export function metricsEndpoint(source: MetricsSource, options: MetricsEndpointOptions = {}): MetricsEndpoint {
  const path = options.path ?? '/metrics';
  const text = (status: number, body: string, headers: { [name: string]: string } = {}) =>
    new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers } });
  return httpRoute(
    (requested) => requested === path,
    async ({ method }) => {
      if (method !== 'GET' && method !== 'HEAD') return text(405, 'use GET\n', { allow: 'GET, HEAD' });
      options.beforeScrape?.();
      let body: string;
      try {
        body = await source.metrics();
      } catch {
        return text(500, 'metrics unavailable\n');
      }
      return new Response(method === 'HEAD' ? null : body, {
        status: 200,
        headers: { 'content-type': source.contentType, 'cache-control': 'no-store' },
      });
    },
  );
}
