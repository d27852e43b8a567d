import { expect } from 'vitest';
import { cut, everywhere, GRPC_LANES, hostileCase, INVALID_INPUT, on, patch, predictThen, sentimentThen, withBody, type Attacks, type Case } from './hostile-lanes';
import { expectNoNonFiniteNumbers, predicting, training, type HostileLaneName } from './hostile-shape';

// Wrong input in every protocol's own encoding: numbers no model can hold, wrong types, names that are paths, bodies
// cut short, garbage, bad UTF-8. Every one is the client's fault: invalid_input, never internal.

/** The linear model (two features) the feature cases predict with; the test trains it before the table runs. */
export const HOSTILE_LINEAR = 'hostile-linear';



/** Whether the lane carries the fields as protobuf (binary or protobuf JSON) rather than as plain JSON or XML. */
const isProtobufLane = (lane: HostileLaneName) => (GRPC_LANES as readonly HostileLaneName[]).includes(lane);

const DEPTH = 10_000;
const deepJson = `${'['.repeat(DEPTH)}1${']'.repeat(DEPTH)}`;
const deepXml = `<mw:row>${'<mw:value>'.repeat(DEPTH)}1${'</mw:value>'.repeat(DEPTH)}</mw:row>`;

/** Features nested 10 000 arrays deep, in each encoding: JSON arrays, protobuf JSON rows, or XML elements. */
const deeplyNested = predictThen(HOSTILE_LINEAR, { features: '@DEEP@' }, (request, { lane }) => {
  if (lane === 'soap') return patch(request, '@DEEP@', deepXml);
  return patch(request, '"@DEEP@"', isProtobufLane(lane) ? `{"rows":[{"values":${deepJson}}]}` : deepJson);
});

const models = async (api: () => string) => ((await (await fetch(`${api()}/v1/models`)).json()) as { models: { name: string }[] }).models.map(({ name }) => name);

/** A byte sequence that is not UTF-8 (0xC3 starts a two-byte sequence; "(" cannot continue it), two bytes like "~~". */
const NOT_UTF8 = Buffer.from([0xc3, 0x28]);

/** The same 4 KiB every run: random-looking, never valid JSON, XML or protobuf. */
const GARBAGE = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 2654435761) >>> 24));

/** The second of two equal keys (or elements, or protobuf fields) is the wrong one: a parser that keeps the last must refuse. */
const duplicateLastWrong: Attacks = {
  ...everywhere(sentimentThen((request) => patch(request, '"text":"good"', '"text":"good","text":42'))),
  soap: sentimentThen((request) => patch(request, '<mw:model>sentiment</mw:model>', '<mw:model>sentiment</mw:model><mw:model>../x</mw:model>')),
  // Field 1 (model) again, length-delimited: protobuf keeps the last.
  ...on(GRPC_LANES, sentimentThen((request) => ({ ...request, body: Buffer.concat([request.body, Buffer.from([0x0a, 4]), Buffer.from('../x')]) }))),
};

export function inputCases(apiUrl: () => string): Case[] {
  return [
    hostileCase({
      name: 'training targets that overflow a double (y: 1e200, -1e200, 5e199) → invalid_input, and nothing stored',
      attacks: everywhere(training((lane) => `hostile-overflow-${lane}`, { X: [[1], [2], [3]], y: [1e200, -1e200, 5e199] })),
      expected: INVALID_INPUT,
      afterwards: async (_outcome, lane) => expect(await models(apiUrl)).not.toContain(`hostile-overflow-${lane}`),
    }),
    hostileCase({
      name: 'a 1e308 feature → invalid_input, never null or Infinity in the reply',
      attacks: everywhere(predicting(HOSTILE_LINEAR, { features: [[1e308, 1e308]] })),
      expected: INVALID_INPUT,
      afterwards: expectNoNonFiniteNumbers,
    }),
    hostileCase({
      name: `features nested ${DEPTH} levels deep → invalid_input, not internal`,
      attacks: everywhere(deeplyNested),
      expected: INVALID_INPUT,
    }),
    hostileCase({
      name: 'text that is a number (or, in XML, an element) → invalid_input',
      attacks: {
        ...everywhere(predicting('sentiment', { text: 42 })),
        soap: predictThen('sentiment', { text: 42 }, (request) => patch(request, '<mw:text>42</mw:text>', '<mw:text><mw:b>42</mw:b></mw:text>')),
      },
      expected: INVALID_INPUT,
    }),
    hostileCase({
      name: 'features that are a string → invalid_input',
      attacks: everywhere(predicting(HOSTILE_LINEAR, { features: '1, 2' })),
      expected: INVALID_INPUT,
    }),
    hostileCase({
      name: 'topK as a string ("many") → invalid_input',
      attacks: everywhere(predicting('sentiment', { text: 'good', topK: 'many' })),
      expected: INVALID_INPUT,
    }),
    hostileCase({
      name: 'topK -1 → invalid_input',
      attacks: everywhere(predicting('sentiment', { text: 'good', topK: -1 })),
      expected: INVALID_INPUT,
    }),
    hostileCase({
      name: 'topK 1e9 → invalid_input',
      attacks: everywhere(predicting('sentiment', { text: 'good', topK: 1e9 })),
      expected: INVALID_INPUT,
    }),
    hostileCase({
      name: 'a NaN feature (a real NaN double in protobuf and xs:double, a string in JSON) → invalid_input',
      attacks: everywhere(predicting(HOSTILE_LINEAR, { features: [['NaN', 1]] })),
      expected: INVALID_INPUT,
    }),
    hostileCase({
      name: 'a +Infinity feature (protobuf double, xs:double INF) → invalid_input',
      attacks: { ...everywhere(predicting(HOSTILE_LINEAR, { features: [['Infinity', 1]] })), soap: predicting(HOSTILE_LINEAR, { features: [['INF', 1]] }) },
      expected: INVALID_INPUT,
    }),
    hostileCase({
      name: 'a -Infinity training target (protobuf double, xs:double -INF) → invalid_input',
      attacks: {
        ...everywhere(training('hostile-infinite', { X: [[1], [2], [3]], y: ['-Infinity', 1, 2] })),
        soap: training('hostile-infinite', { X: [[1], [2], [3]], y: ['-INF', 1, 2] }),
      },
      expected: INVALID_INPUT,
    }),
    hostileCase({
      name: 'a model name of 10 000 characters → invalid_input',
      attacks: everywhere(predicting('m'.repeat(10_000), { text: 'good' })),
      expected: INVALID_INPUT,
    }),
    hostileCase({
      name: 'a model name "../../etc/passwd" → invalid_input',
      attacks: everywhere(predicting('../../etc/passwd', { text: 'good' })),
      expected: INVALID_INPUT,
    }),
    hostileCase({
      name: 'a model name "%2e%2e%2fx" (percent-encoded "../x") → invalid_input',
      attacks: {
        ...everywhere(predicting('%2e%2e%2fx', { text: 'good' })),
        rest: sentimentThen((request) => ({ ...request, target: '/v1/models/%2e%2e%2fx/predict' })),
      },
      expected: INVALID_INPUT,
    }),
    hostileCase({
      name: 'a request cut in half (JSON, XML, protobuf) → invalid_input',
      attacks: everywhere(predictThen('sentiment', { text: 'a perfectly good sentence' }, cut)),
      expected: INVALID_INPUT,
    }),
    hostileCase({
      name: '4 KiB of random bytes as the body → invalid_input',
      attacks: {
        ...everywhere(sentimentThen((request) => withBody(request, GARBAGE))),
        websocket: sentimentThen((request) => ({ ...withBody(request, GARBAGE), binary: true })),
      },
      expected: INVALID_INPUT,
    }),
    hostileCase({
      name: 'text that is not UTF-8 → invalid_input',
      attacks: everywhere(predictThen('sentiment', { text: 'good ~~ day' }, (request) => patch(request, '~~', NOT_UTF8))),
      expected: INVALID_INPUT,
      differs: { websocket: { closed: /close code 1007/, why: 'RFC 6455 §8.1: a text frame that is not UTF-8 fails the connection with 1007' } },
    }),
    hostileCase({ name: 'an empty body → invalid_input', attacks: everywhere(sentimentThen((request) => withBody(request, ''))), expected: INVALID_INPUT }),
    hostileCase({ name: 'a duplicate key (or element, or field) whose last value is wrong → invalid_input', attacks: duplicateLastWrong, expected: INVALID_INPUT }),
  ];
}
