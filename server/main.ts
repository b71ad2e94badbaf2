import { loadConfig } from './config';
import { runServer } from './server';

await runServer(loadConfig());
