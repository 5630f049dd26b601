/**
 * `TapTransport`: the transport of a WireSession (session.ts). It forwards every message to the
 * real transport (Streamable HTTP or stdio) and hands each one, in both directions, to a tap, so
 * the session records the raw wire before the SDK client interprets it; the run's wire log
 * records through one too (wire-log.ts, RecordingTransport).
 */
import type { Transport, TransportSendOptions } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

/** Forwards to the real transport and records every message. */
export class TapTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: Transport['onmessage'];

  constructor(
    private readonly inner: Transport,
    private readonly tap: { in(message: JSONRPCMessage): void; out(message: JSONRPCMessage): void; closed(): void },
  ) {
    inner.onmessage = (message, extra) => {
      tap.in(message);
      this.onmessage?.(message, extra);
    };
    inner.onclose = () => {
      tap.closed();
      this.onclose?.();
    };
    inner.onerror = (error) => this.onerror?.(error);
  }

  start(): Promise<void> {
    return this.inner.start();
  }

  send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    this.tap.out(message);
    return this.inner.send(message, options);
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  get sessionId(): string | undefined {
    return this.inner.sessionId;
  }

  setProtocolVersion(version: string): void {
    this.inner.setProtocolVersion?.(version);
  }

  /** Streamable HTTP: end the session (WireSession.close looks for it). */
  async terminateSession(): Promise<void> {
    const http = this.inner as Transport & { terminateSession?: () => Promise<void> };
    if (typeof http.terminateSession === 'function') await http.terminateSession();
  }
}
