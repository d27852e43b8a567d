import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ContractLinks } from '../../../components/contract-links';
import { LiveExample } from '../../../components/live-example';
import { MarkdownView } from '../../../components/markdown-view';
import { PROTOCOLS, type ProtocolName } from '../../../lib/clients/protocol-client';
import { isLearnSlug, LEARN_CONTENT, LEARN_SLUGS, type LearnSlug } from '../../../lib/learn-content';
import { withRunningPorts } from '../../../lib/learn-ports';
import { apiEndpoints } from '../../api-endpoints';

type Params = Promise<{ protocol: string }>;

const isProtocol = (value: string): value is ProtocolName => (PROTOCOLS as readonly string[]).includes(value);

export const dynamicParams = false;
export const generateStaticParams = () => LEARN_SLUGS.map((protocol) => ({ protocol }));

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { protocol } = await params;
  return { title: isLearnSlug(protocol) ? `${LEARN_CONTENT[protocol].title} for ML APIs — ModelWire` : 'ModelWire' };
}

/** The protocol's reference doc from docs/protocols, when one has been written. */
async function readProtocolDoc(protocol: LearnSlug): Promise<string | undefined> {
  try {
    return await readFile(path.join(process.cwd(), 'docs', 'protocols', `${protocol}.md`), 'utf8');
  } catch {
    return undefined;
  }
}

export default async function LearnProtocolPage({ params }: { params: Params }) {
  const { protocol } = await params;
  if (!isLearnSlug(protocol)) notFound();
  const entry = LEARN_CONTENT[protocol];
  const api = await apiEndpoints();
  const doc = await readProtocolDoc(protocol);

  return (
    <article className="learn">
      <nav aria-label="Protocols" className="learn-tabs">
        {LEARN_SLUGS.map((other) => (
          <Link key={other} href={`/learn/${other}`} aria-current={other === protocol ? 'page' : undefined}>
            {LEARN_CONTENT[other].title}
          </Link>
        ))}
      </nav>
      <h1 className="page-title">
        {entry.title} <span className="muted">— {entry.tagline}</span>
      </h1>
      <div className="learn-layout">
        <div className="learn-prose">
          {entry.sections.map((section) => (
            <section key={section.heading}>
              <h2>{section.heading}</h2>
              {section.paragraphs.map((paragraph) => (
                <p key={paragraph.slice(0, 32)}>{paragraph}</p>
              ))}
            </section>
          ))}
        </div>
        <aside className="learn-aside">
          <section className="card">
            <h2>The contract</h2>
            <ContractLinks protocol={protocol} apiBaseUrl={api.apiBaseUrl} />
          </section>
          {isProtocol(protocol) ? (
            <section className="card">
              <h2>Try it</h2>
              <LiveExample protocol={protocol} api={api} />
            </section>
          ) : null}
        </aside>
      </div>
      <section id="reference" className="card reference">
        <h2>Reference: docs/protocols/{protocol}.md</h2>
        {doc ? <MarkdownView markdown={withRunningPorts(doc, api)} headingOffset={2} /> : <p className="muted">This protocol’s reference document has not been written yet.</p>}
      </section>
    </article>
  );
}
