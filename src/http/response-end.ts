/**
 * The end of a response, seen from the web side, on either face: a `Response` whose body reports
 * once when it ended, either read to its end (`completed`) or cancelled before (the client went
 * away, or closed a `tasks/result` stream to poll instead). What Node's `res.on('close')` told the
 * reference server before, for responses that may be served through `fetch` too.
 */

/** Called once when the response's body ended: `completed` when it was read to its end. */
export type OnEnd = (completed: boolean) => void;

/**
 * `response` with its body watched: every `onEnd` is called once when the body ended (at once
 * for a response without a body), and `sent` sees each chunk. The body is passed through as it
 * comes (SSE included).
 */
export function watchEnd(response: Response, onEnd: readonly OnEnd[], sent?: (chunk: Uint8Array) => void): Response {
  if (onEnd.length === 0 && !sent) return response;
  let ended = false;
  const end = (completed: boolean): void => {
    if (ended) return;
    ended = true;
    for (const callback of onEnd) callback(completed);
  };
  if (response.body === null) {
    end(true);
    return response;
  }
  const reader = response.body.getReader();
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { done, value } = await reader.read();
          if (done) {
            controller.close();
            end(true);
          } else {
            sent?.(value);
            controller.enqueue(value);
          }
        } catch (error) {
          controller.error(error);
          end(false);
        }
      },
      cancel(reason) {
        end(false);
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}
