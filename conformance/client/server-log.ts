/**
 * The reference server writes its session events (session.opened, session.closed) to stderr as
 * JSON lines, with no option to turn them off. The scripted server opens a session per scenario,
 * so the CLI holds those lines back while it runs; everything else on stderr passes.
 */
const SESSION_EVENT = /^\{"time":"[^"]*","event":"session\.[a-z]+"/;

/** Drop the reference server's session event lines from stderr until the returned function is called. */
export function muteSessionEvents(stream: NodeJS.WriteStream = process.stderr): () => void {
  const write = stream.write;
  stream.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]): boolean {
    if (typeof chunk === 'string' && SESSION_EVENT.test(chunk)) return true;
    return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
  } as NodeJS.WriteStream['write'];
  return () => {
    stream.write = write;
  };
}
