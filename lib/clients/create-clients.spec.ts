import { describe, expect, it } from 'vitest';
import { CLIENT_FACTORIES, createClients, createLanes, protocolLanes } from './create-clients';
import { PROTOCOLS, type ProtocolClient } from './protocol-client';

describe('the client registry', () => {
  it('builds one client per protocol that has a factory, each naming its own protocol', () => {
    const { clients, failures } = createClients({ apiBaseUrl: 'http://127.0.0.1:1' });
    expect(failures).toEqual({});
    for (const protocol of PROTOCOLS) {
      expect(clients[protocol]?.protocol).toBe(CLIENT_FACTORIES[protocol] ? protocol : undefined);
    }
    expect(clients.rest?.protocol).toBe('rest');
  });

  it('gives every protocol a lane, in order, marking the ones without a client', () => {
    const rest = { protocol: 'rest' } as ProtocolClient;
    const lanes = protocolLanes({ rest }, { soap: 'boom' });
    expect(lanes.map((lane) => lane.id)).toEqual([...PROTOCOLS]);
    expect(lanes[0]).toEqual({ id: 'rest', title: 'REST', client: rest, copyAs: 'curl' });
    expect(lanes.find((lane) => lane.id === 'graphql')).toEqual({ id: 'graphql', title: 'GraphQL', note: 'client not available yet' });
    expect(lanes.find((lane) => lane.id === 'soap')?.note).toBe('Client failed to start: boom');
  });

  it('closes every lane it created', () => {
    const set = createLanes({ apiBaseUrl: 'http://127.0.0.1:1' });
    expect(set.lanes.length).toBeGreaterThanOrEqual(PROTOCOLS.length);
    expect(() => set.close()).not.toThrow();
  });
});
