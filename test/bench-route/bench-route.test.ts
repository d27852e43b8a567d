import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { latestBenchReportPath } from '../../server/protocols/rest/bench-routes';
import { useApi } from '../support/use-api';
import { sampleBenchReport } from './bench-report-fixture';

async function writeLatest(dataDir: string, text: string) {
  const file = latestBenchReportPath(dataDir);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
}

async function getLatest(url: string) {
  const response = await fetch(`${url}/v1/bench/latest`);
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: (await response.json()) as Record<string, unknown> };
}

describe('GET /v1/bench/latest', () => {
  const api = useApi();

  it('answers 404 not_found with the command to run while no benchmark has run', async () => {
    const { status, contentType, body } = await getLatest(api().url);
    expect(status).toBe(404);
    expect(contentType).toMatch(/^application\/problem\+json/);
    expect(body.code).toBe('not_found');
    expect(body.detail).toBe('no benchmark yet: run `npm run bench`');
  });

  it('answers the report the bench wrote, as it wrote it', async () => {
    const written = JSON.stringify(sampleBenchReport());
    await writeLatest(api().dataDir, written);
    const { status, contentType, body } = await getLatest(api().url);
    expect(status).toBe(200);
    expect(contentType).toMatch(/^application\/json/);
    expect(JSON.stringify(body)).toBe(written);
  });

  it('answers 500 internal with the reason when the file is not a bench report, without naming server paths', async () => {
    await writeLatest(api().dataDir, '{"schema": "modelwire-bench/1", "scen');
    const broken = await getLatest(api().url);
    expect(broken.status).toBe(500);
    expect(broken.body.code).toBe('internal');
    expect(broken.body.detail).toMatch(/not valid JSON/);
    expect(broken.body.detail).not.toContain(api().dataDir);

    await writeLatest(api().dataDir, JSON.stringify({ schema: 'someone-else/9', scenarios: [] }));
    const foreign = await getLatest(api().url);
    expect(foreign.status).toBe(500);
    expect(foreign.body.detail).toMatch(/not a "modelwire-bench\/1" report/);
    await rm(latestBenchReportPath(api().dataDir));
  });

  it('is documented in the OpenAPI document', async () => {
    const openapi = (await (await fetch(`${api().url}/openapi.json`)).json()) as { paths: Record<string, { get?: { responses: Record<string, unknown> } }> };
    expect(Object.keys(openapi.paths['/v1/bench/latest']?.get?.responses ?? {})).toEqual(expect.arrayContaining(['200', '404', '500']));
  });
});
