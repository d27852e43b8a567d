import { afterAll, beforeAll, describe, it } from 'vitest';

// The frame every table in test/conformance/ runs on: rows × lanes, one test per pair, named "<title> › <lane> › <row>".

/** One row of a table. */
export interface TableRow<LaneName extends string> {
  name: string;
  /** The lanes this row is for; every lane when unset (e.g. a raw payload that only one protocol can carry). */
  only?: readonly LaneName[];
  /** Where the server answers wrongly today: the bug, per lane. Run as it.fails, so the fix shows up as a failure to remove. */
  knownBugs?: Partial<Record<LaneName, string>>;
  /** Whether to skip this row on this machine: a requirement() (which throws under CI=true instead of skipping). */
  skip?: () => boolean;
}

/** One way of reaching the server (a protocol's client, a raw socket ...), opened once before its rows run. */
export interface TableLane<LaneName extends string, Session> {
  name: LaneName;
  open(): Session | Promise<Session>;
  close?(session: Session): void | Promise<void>;
}

type SessionOf<Lane> = Lane extends TableLane<string, infer Session> ? Session : never;

/** Runs every row through every lane; `check` asserts one row's answer on one lane. */
export function runTable<Lane extends TableLane<string, unknown>, Row extends TableRow<Lane['name']>>(
  title: string,
  lanes: readonly Lane[],
  rows: readonly Row[],
  check: (session: SessionOf<Lane>, row: Row, lane: Lane) => Promise<void>,
): void {
  const skipped = new Set(rows.filter((row) => row.skip?.()));
  describe.each(lanes)(`${title} › $name`, (lane) => {
    let session: SessionOf<Lane> | undefined;
    beforeAll(async () => {
      session = (await lane.open()) as SessionOf<Lane>;
    });
    afterAll(async () => {
      if (session !== undefined) await lane.close?.(session);
    });
    for (const row of rows.filter((candidate) => !candidate.only || candidate.only.includes(lane.name))) {
      const bug = row.knownBugs?.[lane.name as Lane['name']];
      const test = skipped.has(row) ? it.skip : bug ? it.fails : it;
      test(bug ? `${row.name} [known bug: ${bug}]` : row.name, () => check(session as SessionOf<Lane>, row, lane));
    }
  });
}
