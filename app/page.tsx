import { Playground } from '../components/playground';
import { apiEndpoints } from './api-endpoints';

export default async function HomePage() {
  const api = await apiEndpoints();
  return (
    <>
      <h1 className="page-title">
        One input, six protocols <span className="muted">— the same model answers over each, side by side</span>
      </h1>
      <Playground api={api} />
    </>
  );
}
