import type { BenchProtocol } from '../../../lib/bench/bench-report';
import { protocolTitle as pageProtocolTitle } from '../../../lib/bench/bench-titles';

/** The protocol's name as the /bench page writes it; "in-process" for the model run without one. */
export const protocolTitle = (protocol: BenchProtocol | undefined) => (protocol ? pageProtocolTitle(protocol) : 'in-process');

/** "seq" for the sequential run, else "c32": short, for the text table. */
export const loadTitle = (concurrency: number) => (concurrency === 1 ? 'seq' : `c${concurrency}`);
