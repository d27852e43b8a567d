'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

const LINKS = [
  { href: '/', label: 'Playground' },
  { href: '/stream', label: 'Stream' },
  { href: '/train', label: 'Train' },
  { href: '/bench', label: 'Bench' },
  { href: '/learn', label: 'Learn' },
];

/** The site's sections, the current one marked for screen readers and the eye. */
export function SiteNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Sections" className="site-nav">
      {LINKS.map((link) => {
        const current = link.href === '/' ? pathname === '/' : pathname.startsWith(link.href);
        return (
          <Link key={link.href} href={link.href} aria-current={current ? 'page' : undefined}>
            {link.label}
          </Link>
        );
      })}
    </nav>
  );
}
