import type { Metadata } from 'next';
import Link from 'next/link';
import { LEARN_CONTENT, LEARN_SLUGS } from '../../lib/learn-content';

export const metadata: Metadata = { title: 'Learn the six protocols — ModelWire' };

export default function LearnIndexPage() {
  return (
    <>
      <h1 className="page-title">Six ways to put a model behind an API</h1>
      <p className="muted">Each page explains one protocol for learners, links its machine-readable contract and runs a live request through it; the last one covers the Open Inference Protocol that KServe and Triton speak, served here too.</p>
      <ul className="learn-index">
        {LEARN_SLUGS.map((protocol) => (
          <li key={protocol}>
            <Link href={`/learn/${protocol}`} className="card learn-card">
              <strong>{LEARN_CONTENT[protocol].title}</strong>
              <span className="muted">{LEARN_CONTENT[protocol].tagline}</span>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
