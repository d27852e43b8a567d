// The GraphQL schema (SDL). Errors: every entry of `errors[]` carries the contract's code string as-is in
// `extensions.code` (invalid_input, not_found, not_installed, too_large, unsupported_media, overloaded, internal, ...).
// Live sentiment (Subscription.sentimentStream, Mutation.pushSentimentText) is in stream-schema.ts.

export const typeDefs = /* GraphQL */ `
  "An uploaded file, sent as multipart/form-data following the GraphQL multipart request spec."
  scalar File

  enum ModelKind { IMAGE_CLASSIFICATION TEXT_SENTIMENT LINEAR_REGRESSION }
  enum InputKind { IMAGE TEXT FEATURES }
  enum ModelStatus { READY NOT_INSTALLED }
  enum SentimentLabel { POSITIVE NEUTRAL NEGATIVE }

  type Model {
    "The model's name; the seed deck's id."
    id: ID!
    name: String!
    kind: ModelKind!
    input: InputKind!
    description: String!
    status: ModelStatus!
    "Latest (served by default) version; null when nothing is installed yet."
    version: Int
    versions: [Int!]!
    "When status is NOT_INSTALLED: the command that installs it."
    installCommand: String
    featureCount: Int
    classCount: Int
    sha256: String
    trainable: Boolean!
  }

  type ModelRef { name: String! version: Int! }

  type Timing {
    "From the request arriving to the result being ready, in milliseconds."
    serverMs: Float!
    inferenceMs: Float!
    preprocessMs: Float!
  }

  type LabelScore { label: String! classIndex: Int! probability: Float! }
  type ClassificationOutput { labels: [LabelScore!]! }
  type SentimentOutput { label: SentimentLabel! score: Float! probability: Float! }
  type RegressionOutput { "One value per input row." values: [Float!]! }
  union PredictionOutput = ClassificationOutput | SentimentOutput | RegressionOutput

  type Prediction {
    model: ModelRef!
    output: PredictionOutput!
    timing: Timing!
    "Answered from the prediction cache (same model version, input and options) rather than by running the model."
    cached: Boolean!
  }

  "Exactly one input, matching the model's input kind."
  input PredictionInput @oneOf {
    "For text models (sentiment)."
    text: String
    "For linear models: one row of features."
    features: [Float!]
    "For linear models: many rows of features."
    rows: [[Float!]!]
    "For image models: base64 bytes or a data: URL."
    image: String
    "For image models: the image file itself (multipart request)."
    upload: File
  }

  type TrainTiming { serverMs: Float! trainingMs: Float! }

  type TrainResult {
    model: ModelRef!
    coefficients: [Float!]!
    intercept: Float!
    "Coefficient of determination on the training data."
    r2: Float!
    samples: Int!
    featureCount: Int!
    timing: TrainTiming!
  }

  "The seed deck's Prediction record."
  type SeedPrediction {
    id: ID!
    model: Model!
    "The inputData as sent."
    input: String!
    "The output as JSON text, e.g. {\\"kind\\":\\"regression\\",\\"values\\":[3.5]}."
    output: String!
    "The same prediction, typed."
    result: Prediction!
  }

  type CreatePredictionPayload { prediction: SeedPrediction! }

  type Query {
    models: [Model!]!
    "One model, by name (or by id, which is the name)."
    model(name: String, id: ID): Model!
    "The seed deck's all_models."
    allModels: [Model!]!
  }

  type Mutation {
    "Runs a prediction. topK: labels returned by classifiers (1-20, default 5); version: a specific version."
    predict(model: String!, input: PredictionInput!, topK: Int, version: Int): Prediction!
    "Trains a new version of a linear model (never a built-in one). ridge: penalty on the coefficients, 0 = least squares."
    train(model: String!, X: [[Float!]!]!, y: [Float!]!, ridge: Float): TrainResult!
    """
    The seed deck's create_prediction. inputData is the text (sentiment), a JSON array of numbers or rows
    (linear models) or base64 bytes (image models).
    """
    createPrediction(modelId: ID!, inputData: String!): CreatePredictionPayload!
  }
`;
