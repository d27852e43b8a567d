import type { FastifyRequest } from 'fastify';
import type { GraphQLError } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import { ModelWireError } from '../../../lib/model-wire-error';
import type { GraphQLContext } from './context';
import { contractCodeOf, withContractErrors } from './error-mapping';

function contextWithLog() {
  const error = vi.fn();
  return { context: { req: { log: { error } } as unknown as FastifyRequest } as GraphQLContext, error };
}

async function thrownBy(resolve: () => unknown, context = contextWithLog().context): Promise<GraphQLError> {
  try {
    await withContractErrors(resolve)(undefined, {}, context);
  } catch (error) {
    return error as GraphQLError;
  }
  throw new Error('the resolver did not throw');
}

describe('GraphQL error mapping', () => {
  it('keeps the contract code and the details of a ModelWireError', async () => {
    const error = await thrownBy(() => {
      throw new ModelWireError('not_installed', 'Install it.', { installCommand: 'npm run models:fetch' });
    });
    expect(error.message).toBe('Install it.');
    expect(error.extensions).toEqual({ installCommand: 'npm run models:fetch', code: 'not_installed' });
  });

  it('masks anything else as internal, logging the original', async () => {
    const { context, error: log } = contextWithLog();
    const secret = new Error('database password is hunter2');
    const error = await thrownBy(() => Promise.reject(secret), context);
    expect(error.name).toBe('GraphQLError');
    expect(error.message).toBe('Internal server error.');
    expect(error.extensions.code).toBe('internal');
    expect(log).toHaveBeenCalledWith({ err: secret }, 'internal error');
  });

  it('maps the codes of yoga, graphql-js and graphql-armor onto the contract', () => {
    expect(contractCodeOf('REQUEST_ENTITY_TOO_LARGE')).toBe('too_large');
    expect(contractCodeOf('INTERNAL_SERVER_ERROR')).toBe('internal');
    expect(contractCodeOf('GRAPHQL_VALIDATION_FAILED')).toBe('invalid_input');
    expect(contractCodeOf('BAD_REQUEST')).toBe('invalid_input');
    expect(contractCodeOf(undefined)).toBe('invalid_input');
    expect(contractCodeOf('overloaded')).toBe('overloaded');
  });
});
