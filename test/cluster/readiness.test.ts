import { describe, expect, it } from 'vitest';
import { useApi } from '../support/use-api';

// What a load balancer or Kubernetes asks before sending a replica calls: GET /v2/health/ready.

describe('readiness (/v2/health/ready)', () => {
  // An empty MODELS_DIR: MobileNetV2 is not installed, as on a machine without the shared ImageNet files.
  const api = useApi();

  it('is 200 once the models present are loaded, even with one not installed', async () => {
    expect(api().server.core.listModels().find((model) => model.name === 'mobilenetv2')?.status).toBe('not_installed');
    const reply = await api().app.inject({ method: 'GET', url: '/v2/health/ready' });
    expect({ status: reply.statusCode, body: reply.json() }).toEqual({ status: 200, body: { ready: true } });
  });

  it('turns 503 as soon as a graceful stop begins, while the server still answers everything else', async () => {
    const closing = api().server.close();
    const [ready, live] = await Promise.all(['/v2/health/ready', '/v2/health/live'].map((url) => api().app.inject({ method: 'GET', url })));
    expect({ status: ready!.statusCode, body: ready!.json() }).toEqual({ status: 503, body: { ready: false } });
    expect({ status: live!.statusCode, body: live!.json() }).toEqual({ status: 200, body: { live: true } });
    await closing;
  });
});
