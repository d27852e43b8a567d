import type { Metadata } from 'next';
import { StreamPage } from '../../components/stream-page';
import { apiEndpoints } from '../api-endpoints';

export const metadata: Metadata = { title: 'Live sentiment on four transports — ModelWire' };

export default async function StreamRoute() {
  const api = await apiEndpoints();
  return (
    <>
      <h1 className="page-title">
        Live sentiment <span className="muted">— each keystroke streamed over WebSocket, MQTT, gRPC-Web and GraphQL at once</span>
      </h1>
      <StreamPage api={api} />
    </>
  );
}
