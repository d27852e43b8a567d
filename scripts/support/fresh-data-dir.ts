import { existsSync } from 'node:fs';
import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A new temporary DATA_DIR for one server process; the sentiment model built in `sentimentFrom` (a DATA_DIR), when
 * there is one, is copied in so the server checks it rather than training its own.
 */
export async function freshDataDir(name: string, sentimentFrom?: string): Promise<string> {
  const dataDir = await mkdtemp(path.join(tmpdir(), `modelwire-${name}-`));
  const sentiment = sentimentFrom && path.join(sentimentFrom, 'sentiment');
  if (sentiment && existsSync(sentiment)) await cp(sentiment, path.join(dataDir, 'sentiment'), { recursive: true });
  return dataDir;
}
