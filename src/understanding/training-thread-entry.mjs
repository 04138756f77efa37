// The training thread's entry (see training-thread.ts): load TypeScript as `npm start` does, then run.
import { register } from 'tsx/esm/api';

register();
await import('./training-thread-worker.ts');
