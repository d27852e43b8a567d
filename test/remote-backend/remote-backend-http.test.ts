import { describeRemoteBackend } from './remote-backend-cases';

describeRemoteBackend('http');
