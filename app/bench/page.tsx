import type { Metadata } from 'next';
import { BenchPage } from '../../components/bench/bench-page';
import { apiEndpoints } from '../api-endpoints';

export const metadata: Metadata = { title: 'Benchmarks: ModelWire against each protocol library — ModelWire' };

export default async function BenchRoute() {
  const api = await apiEndpoints();
  return (
    <>
      <h1 className="page-title">
        Benchmarks <span className="muted">— what ModelWire costs over each protocol library, and what each protocol costs a real model</span>
      </h1>
      <BenchPage api={api} />
    </>
  );
}
