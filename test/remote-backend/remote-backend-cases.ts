import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { PredictionInput } from '../../lib/contract';
import type { ProtocolClient } from '../../lib/clients/protocol-client';
import type { BackendWire } from '../../server/backends/backend-address';
import type { InferenceCore } from '../../server/core/inference-core';
import { clientLanes } from '../conformance/lanes';
import { EXACT_X } from '../support/linear-fixture';
import { valueOf, withoutCallDetails } from '../support/outcomes';
import { houseFinch, skipWithoutSharedImagenet } from '../support/shared-files';
import { LINEAR_MODEL, useRemoteBackend } from './remote-backend-harness';

// Every protocol of the front against the in-process engine, then the backend stopped and started again.

const TEXTS = ['What a wonderful, delightful little film.', 'The battery died after an hour; awful.', 'The package arrived on Tuesday.'];
const FEATURES: PredictionInput = { kind: 'features', rows: [...EXACT_X, [1e3, -7.25]] };

type Question = { model: string; input: PredictionInput };

export function describeRemoteBackend(wire: BackendWire): void {
  describe(`a front with INFERENCE_BACKEND=oip+${wire}://, a ModelWire behind it`, () => {
    const remote = useRemoteBackend(wire);
    const lanes = clientLanes(() => remote().front);

    /** Asks every question on every lane of the front, one client per lane. */
    async function onEveryLane(questions: Question[], check: (client: ProtocolClient, question: Question, lane: string) => Promise<void>) {
      for (const lane of lanes) {
        const client = (await lane.open()) as ProtocolClient;
        try {
          for (const question of questions) await check(client, question, lane.name);
        } finally {
          client.close();
        }
      }
    }

    async function answersAs(engine: () => InferenceCore, questions: Question[]) {
      await onEveryLane(questions, async (client, { model, input }, lane) => {
        const expected = withoutCallDetails(await engine().predict(model, input));
        expect(withoutCallDetails(valueOf(await client.predict(model, input))), `${lane}: ${model}`).toEqual(expected);
      });
    }

    it('answers sentiment on every protocol as the in-process engine does', async () => {
      await answersAs(() => remote().reference, TEXTS.map((text) => ({ model: 'sentiment', input: { kind: 'text', text } })));
    });

    it('answers a linear model trained on the backend as the backend itself does, at its latest version', async () => {
      await answersAs(() => remote().backend.server.core, [{ model: LINEAR_MODEL, input: FEATURES }]);
      const latest = await remote().front.server.core.predict(LINEAR_MODEL, { kind: 'features', rows: [[1, 0]] });
      expect(latest.model.version).toBe(2);
      expect(latest.output.kind === 'regression' && latest.output.values[0]).toBeCloseTo(6, 4);
    });

    it('runs an older version when asked, and lists the versions the backend serves', async () => {
      const front = remote().front.server.core;
      const first = await front.predict(LINEAR_MODEL, { kind: 'features', rows: [[1, 0]] }, { version: 1 });
      expect(first.model).toEqual({ name: LINEAR_MODEL, version: 1 });
      expect(first.output.kind === 'regression' && first.output.values[0]).toBeCloseTo(3, 4);
      const listed = (await (await fetch(`${remote().front.url}/v1/models`)).json()).models as Array<{ name: string; status: string; versions: number[] }>;
      expect(listed.find((model) => model.name === LINEAR_MODEL)).toMatchObject({ status: 'ready', versions: [1, 2], featureCount: 2 });
      expect(listed.find((model) => model.name === 'sentiment')).toMatchObject({ status: 'ready' });
      await expect(front.predict(LINEAR_MODEL, { kind: 'features', rows: [[1, 0]] }, { version: 7 })).rejects.toMatchObject({ code: 'not_found' });
    });

    it('answers from a version trained on the backend after the front started', async () => {
      await remote().backend.server.core.train(LINEAR_MODEL, { X: EXACT_X, y: EXACT_X.map(() => 4) });
      const answer = await remote().front.server.core.predict(LINEAR_MODEL, { kind: 'features', rows: [[1, 0]] });
      expect(answer.model.version).toBe(3);
      expect(answer.output.kind === 'regression' && answer.output.values[0]).toBeCloseTo(4, 4);
    });

    it.skipIf(skipWithoutSharedImagenet())('classifies a photo on every protocol as the in-process engine does', async () => {
      const image = new Uint8Array(await readFile(houseFinch().path));
      await answersAs(() => remote().reference, [{ model: 'mobilenetv2', input: { kind: 'image', image } }]);
    });

    it('refuses training, naming the backend whose repository holds the versions', async () => {
      const response = await fetch(`${remote().front.url}/v1/models/${LINEAR_MODEL}/train`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ X: EXACT_X, y: EXACT_X.map(() => 1) }),
      });
      const body = await response.json();
      expect(response.status).toBe(403);
      expect(body.code).toBe('forbidden');
      expect(body.detail).toContain(wire === 'grpc' ? remote().backend.grpcAddress : new URL(remote().backend.url).host);
    });

    it('answers not_installed on every protocol while the backend is down, and answers again once it is back', async () => {
      const questions: Question[] = [
        { model: 'sentiment', input: { kind: 'text', text: TEXTS[0]! } },
        { model: LINEAR_MODEL, input: FEATURES },
      ];
      await remote().stopBackend();
      await onEveryLane(questions, async (client, { model, input }, lane) => {
        const outcome = await client.predict(model, input);
        expect(outcome.ok ? 'ok' : outcome.error.code, `${lane}: ${model}`).toBe('not_installed');
      });
      await remote().restartBackend();
      await answersAs(() => remote().backend.server.core, questions);
    });
  });
}
