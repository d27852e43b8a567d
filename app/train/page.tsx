import type { Metadata } from 'next';
import { TrainWorkbench } from '../../components/train-workbench';
import { apiEndpoints } from '../api-endpoints';

export const metadata: Metadata = { title: 'Train a linear model — ModelWire' };

export default async function TrainPage() {
  const api = await apiEndpoints();
  return (
    <>
      <h1 className="page-title">
        Train a linear model <span className="muted">— least squares on your numbers, exported to ONNX, served over every protocol</span>
      </h1>
      <TrainWorkbench api={api} />
    </>
  );
}
