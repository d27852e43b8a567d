import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Page not found — ModelWire' };

const PLACES = [
  { href: '/', label: 'Playground', what: 'send one input through all six protocols' },
  { href: '/stream', label: 'Stream', what: 'live sentiment over four streaming transports' },
  { href: '/train', label: 'Train', what: 'fit a linear model and predict with it' },
  { href: '/bench', label: 'Bench', what: 'what each protocol costs, measured' },
  { href: '/learn', label: 'Learn', what: 'each protocol explained, with its contract' },
];

/** Any URL the site does not have: said plainly, with the way back, inside the site's own header. */
export default function NotFound() {
  return (
    <section className="card not-found" aria-labelledby="not-found-title">
      <p className="not-found-code" aria-hidden="true">
        404
      </p>
      <h1 id="not-found-title" className="page-title">
        Page not found
      </h1>
      <p className="muted">There is nothing at this address. Perhaps one of these is what you were after:</p>
      <ul className="not-found-places">
        {PLACES.map((place) => (
          <li key={place.href}>
            <Link href={place.href}>{place.label}</Link> <span className="muted">— {place.what}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
