import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { BENCH_REPORT_SCHEMA, isBenchReport } from '../../../lib/bench/bench-report';
import { ModelWireError } from '../../../lib/model-wire-error';
import { routeSchemas } from './schemas';

/** Where `npm run bench` leaves its latest report. */
export const latestBenchReportPath = (dataDir: string) => path.join(dataDir, 'bench', 'latest.json');

// Problems name the file relative to DATA_DIR: the route is public, the server's folders are not its business.
const REPORT_NAME = 'bench/latest.json in DATA_DIR';

const isMissingFile = (error: unknown) => (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';

async function readReportText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if (isMissingFile(error)) throw new ModelWireError('not_found', 'no benchmark yet: run `npm run bench`');
    throw new ModelWireError('internal', `The benchmark report (${REPORT_NAME}) cannot be read: ${(error as Error).message.replace(file, REPORT_NAME)}`);
  }
}

function checkReport(text: string): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ModelWireError('internal', `The benchmark report (${REPORT_NAME}) is not valid JSON: ${(error as Error).message}`);
  }
  if (!isBenchReport(parsed)) {
    throw new ModelWireError('internal', `The benchmark report (${REPORT_NAME}) is not a "${BENCH_REPORT_SCHEMA}" report; run \`npm run bench\` again.`);
  }
}

/** GET /v1/bench/latest: the last bench report, sent as the bench wrote it. Register with app.register(). */
export async function benchRoutes(app: FastifyInstance, { dataDir }: { dataDir: string }) {
  app.get('/v1/bench/latest', { schema: routeSchemas.latestBench }, async (_request, reply) => {
    const text = await readReportText(latestBenchReportPath(dataDir));
    checkReport(text);
    // A new run replaces the file under the same URL: always revalidate.
    return reply.header('cache-control', 'no-cache').type('application/json; charset=utf-8').send(text);
  });
}
