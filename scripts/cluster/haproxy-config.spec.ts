import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findBinary, missingPackage } from '../services/debian-binary';
import { requirement } from '../../test/support/requirements';
import { haproxyConfig } from './haproxy-config';

const HAPROXY = findBinary('haproxy');
const ports = { api: 18080, grpc: 18081, stats: 18083 };
const replicas = [
  { name: 'replica1', apiPort: 20001, grpcPort: 20002 },
  { name: 'replica2', apiPort: 20003, grpcPort: 20004 },
];

describe('haproxyConfig', () => {
  const config = haproxyConfig(ports, replicas);

  it('checks every replica on its API port, also for its HTTP/2-only gRPC port', () => {
    const servers = config.split('\n').filter((line) => line.trim().startsWith('server '));
    expect(servers).toHaveLength(4);
    expect(servers.filter((line) => /proto h2 check .* port 20001 check-proto h1/.test(line))).toHaveLength(1);
    expect(config.match(/option httpchk GET \/v2\/health\/ready/g)).toHaveLength(2);
  });

  it.skipIf(requirement('haproxy', HAPROXY !== undefined, missingPackage('haproxy', 'haproxy')))('is a configuration haproxy accepts (haproxy -c)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'modelwire-haproxy-check-'));
    try {
      writeFileSync(path.join(dir, 'haproxy.cfg'), config);
      const check = spawnSync(HAPROXY!, ['-c', '-f', path.join(dir, 'haproxy.cfg')], { encoding: 'utf8' });
      expect({ status: check.status, output: `${check.stdout}${check.stderr}` }).toEqual({ status: 0, output: expect.not.stringMatching(/WARNING|ALERT/) });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
