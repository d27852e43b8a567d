import http from 'node:http';
import { failedCall, type LaneEndpoint } from './lane';

export interface HttpTransport {
  /** POSTs a body and resolves with the response body; any status but 200 rejects. */
  post(path: string, body: Buffer | string, headers: Readonly<Record<string, string>>): Promise<Buffer>;
  /** POSTs a body (JSON unless `headers` say otherwise) and parses the JSON answer. */
  postForJson(path: string, body: Buffer | string, headers?: Readonly<Record<string, string>>): Promise<unknown>;
  postJson(path: string, value: unknown): Promise<unknown>;
  close(): void;
}

export const JSON_HEADERS: Readonly<Record<string, string>> = { 'content-type': 'application/json' };

/** 429 (REST), or a SOAP Fault whose ModelWire code is `overloaded`. */
const refusedStatus = (status: number | undefined, body: Buffer) => status === 429 || /<(?:[\w-]+:)?code>overloaded</.test(body.toString());

/**
 * The HTTP/1.1 client of the REST, GraphQL and SOAP lanes: node:http with one keep-alive agent, as many sockets as
 * calls in flight (HTTP/1.1 answers one request at a time per connection). Lighter than fetch on the client's share of
 * the two cores, and identical for ModelWire and the floors.
 */
export function createHttpTransport({ host, port }: LaneEndpoint, maxInFlight: number): HttpTransport {
  const agent = new http.Agent({ keepAlive: true, maxSockets: maxInFlight, maxFreeSockets: maxInFlight });

  function post(path: string, body: Buffer | string, headers: Readonly<Record<string, string>>): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const request = http.request(
        { agent, host, port, path, method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            const payload = Buffer.concat(chunks);
            if (response.statusCode === 200) resolve(payload);
            else reject(failedCall(`HTTP ${response.statusCode} from ${path}: ${payload.toString().slice(0, 300)}`, refusedStatus(response.statusCode, payload)));
          });
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  }

  const postForJson = async (path: string, body: Buffer | string, headers = JSON_HEADERS) => JSON.parse((await post(path, body, headers)).toString()) as unknown;
  return {
    post,
    postForJson,
    postJson: (path, value) => postForJson(path, JSON.stringify(value)),
    close: () => agent.destroy(),
  };
}
