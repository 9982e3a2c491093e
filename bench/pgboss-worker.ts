// A pg-boss worker process for the benchmark: completes no-op jobs of the `bench` queue in batches.
import { PgBoss } from 'pg-boss';

const boss = new PgBoss({
  connectionString: process.env.DATABASE_URL,
  max: 4,
  schedule: false,
  supervise: false,
});
boss.on('error', (error) => console.error(`pg-boss: ${error.message}`));
await boss.start();
await boss.work(
  'bench',
  { batchSize: 100, pollingIntervalSeconds: 0.5, burstWhenBatchFull: true },
  async () => {},
);
console.log('ready');
process.once('SIGTERM', async () => {
  await boss.stop({ graceful: false });
  process.exit(0);
});
