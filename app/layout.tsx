import type { Metadata, Viewport } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { QueryProvider } from '../components/query-provider';
import { ServerStatus } from '../components/server-status';
import { SignIn } from '../components/sign-in';
import { SiteNav } from '../components/site-nav';
import { apiEndpoints } from './api-endpoints';
import './tokens.css';
import './globals.css';

export const metadata: Metadata = {
  title: 'ModelWire — one set of real models, six API styles',
  description: 'Send the same text or image through REST, GraphQL, SOAP, gRPC, WebSockets and MQTT and see what each one costs.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1, colorScheme: 'light dark' };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const { apiBaseUrl } = await apiEndpoints();
  return (
    <html lang="en">
      <body>
        <QueryProvider>
          <a className="skip-link" href="#content">
            Skip to content
          </a>
          <header className="site-header">
            <div className="site-header-row">
              <Link href="/" className="brand">
                ModelWire
              </Link>
              <SiteNav />
            </div>
            <div className="site-header-row">
              <ServerStatus apiBaseUrl={apiBaseUrl} />
              <SignIn apiBaseUrl={apiBaseUrl} />
            </div>
          </header>
          <main id="content">{children}</main>
        </QueryProvider>
      </body>
    </html>
  );
}
