import type { FastifyInstance } from 'fastify';
import { assertJsonWithinBudget } from './json-budget';

/**
 * Swaps fastify's application/json parser, in the calling plugin's scope, for one that checks the JSON budget before
 * fastify's own parse (prototype-poisoning checks included) runs: an over-budget body is too_large, answered by the
 * scope's error handler in its protocol's form.
 */
export function parseJsonWithinBudget(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = String(body);
    try {
      assertJsonWithinBudget(text);
    } catch (error) {
      done(error as Error, undefined);
      return;
    }
    parse(request, text, done);
  });
}
