// Live sentiment (SDL). A subscription only carries server → client, so the typist's texts go up by mutation:
// subscribe to sentimentStream(session), wait for SentimentStreamOpened, then pushSentimentText(session, seq, text)
// for every keystroke. Served over graphql-ws (WebSocket, subprotocol graphql-transport-ws) and over SSE on /graphql.

export const streamTypeDefs = /* GraphQL */ `
  "The first event of every sentimentStream: from now on pushSentimentText(session) is accepted."
  type SentimentStreamOpened { session: ID! }

  "A pushed text, scored. Updates come in increasing seq order; a text superseded before its turn is never scored."
  type SentimentUpdate {
    seq: Int!
    "The text this update scored: exactly the one pushed with this seq."
    text: String!
    "How many older pushed texts were dropped in favour of this one (latest wins)."
    skipped: Int!
    model: ModelRef!
    sentiment: SentimentOutput!
    timing: Timing!
  }

  "A pushed text that could not be scored (empty text, seq not above the previous one, ...); the stream stays open."
  type SentimentStreamError {
    seq: Int!
    "The contract's error code, as in errors[].extensions.code: invalid_input, overloaded, internal, ..."
    code: String!
    message: String!
  }

  union SentimentStreamEvent = SentimentStreamOpened | SentimentUpdate | SentimentStreamError

  type Subscription {
    """
    Live sentiment for one typist. session: an id you choose, unguessable (a random UUID); it names this stream
    until the subscription ends. model: a sentiment model, "sentiment" by default.
    """
    sentimentStream(session: ID!, model: String): SentimentStreamEvent!
  }

  extend type Mutation {
    """
    Queues a text for scoring on an open sentimentStream; answers the seq used. seq must increase; left out, it is
    the previous one plus one. The update (or SentimentStreamError) arrives on the subscription.
    """
    pushSentimentText(session: ID!, seq: Int, text: String!): Int!
  }
`;
