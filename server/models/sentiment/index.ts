// The sentiment model's public face. Training-time helpers (cross-validation, lexicon baselines) are imported
// from their own files by scripts and tests: they pull in vader-sentiment, a devDependency.
export { buildSentimentModel, ensureSentimentModel, SENTIMENT_MODEL_VERSION, SENTIMENT_SEED, type SentimentBuild } from './build-sentiment';
export { sentimentPaths } from './sentiment-artifacts';
export { createSentimentModel, MAX_SENTIMENT_TEXT_LENGTH, SENTIMENT_BUILD_COMMAND, SENTIMENT_MODEL_NAME } from './sentiment-model';
