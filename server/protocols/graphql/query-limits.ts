import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';

// graphql-armor's validation rules. The deepest useful operation is 6 levels
// (createPrediction > prediction > result > output > labels > label), so 8 leaves room while stopping
// recursive introspection (__type > fields > type > fields > ...). Cost is armor's estimate (objects 2, scalars 1,
// ×1.5 per level); 1000 is far above any real operation and stops field-duplication floods (`models { name name … }`).
export const MAX_QUERY_DEPTH = 8;
export const MAX_QUERY_COST = 1000;

export const queryLimits = () =>
  EnvelopArmorPlugin({
    maxDepth: { n: MAX_QUERY_DEPTH, flattenFragments: true },
    costLimit: { maxCost: MAX_QUERY_COST, flattenFragments: true },
    maxAliases: { n: 15 },
    maxDirectives: { n: 50 },
    maxTokens: { n: 2000 },
    // Introspection is on (GraphiQL reads the whole schema), so hiding "did you mean" suggestions would protect nothing.
    blockFieldSuggestion: { enabled: false },
  });
