import { headers } from 'next/headers';
import { RestPlayground } from '../components/rest-playground';
import { apiBaseUrlFor } from '../lib/api-base-url';

export default async function HomePage() {
  const apiBaseUrl = apiBaseUrlFor((await headers()).get('host'), process.env);
  return <RestPlayground apiBaseUrl={apiBaseUrl} />;
}
