import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: 'ModelWire — one set of real models, six API styles',
  description: 'Send the same text or image through REST, GraphQL, SOAP, gRPC, WebSockets and MQTT and see what each one costs.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="site-header">
          <a href="/" className="brand">
            ModelWire
          </a>
          <span className="tagline">real models · six protocols · every byte on the wire</span>
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
