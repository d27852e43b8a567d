import type { FastifyInstance } from 'fastify';
import { assertJsonWithinBudget } from './json-budget';
import { decodeUtf8Strictly } from './strict-utf8';

/**
 * Swaps fastify's application/json parser, in the calling plugin's scope, for one that refuses bytes that are not UTF-8 and checks the JSON budget before
 * fastify's own parse (prototype-poisoning checks included) runs: an over-budget body is too_large, answered by the
 * scope's error handler in its protocol's form.
 */
export function parseJsonWithinBudget(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string;
    try {
      text = decodeUtf8Strictly(body as Buffer);
      assertJsonWithinBudget(text);
    } catch (error) {
      done(error as Error, undefined);
      return;
    }
    parse(request, text, done);
  });
}
