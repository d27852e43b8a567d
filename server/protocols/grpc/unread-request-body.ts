import type { FastifyReply, FastifyRequest } from 'fastify';

// Workaround for https://github.com/nodejs/node/issues/39137 (Node keeps a keep-alive connection open after answering a request whose body was not read): answer such requests with "Connection: close".

/**
 * When connect-es refuses a message over the size limit it answers without reading the rest of the body, and Node
 * keeps the HTTP/1.1 connection waiting for it until the keep-alive timeout (72 s), holding up app.close() too.
 * Answering such a request with "Connection: close" ends the connection once the error is sent, as fastify does
 * for its own 413s.
 */
export function closeConnectionIfBodyUnread(request: FastifyRequest, reply: FastifyReply): void {
  const response = reply.raw;
  const writeHead = response.writeHead.bind(response) as (...args: unknown[]) => typeof response;
  response.writeHead = ((...args: unknown[]) => {
    if (!request.raw.complete) response.setHeader('connection', 'close');
    return writeHead(...args);
  }) as typeof response.writeHead;
}
