import type { Config } from './config.ts';
import type { Db } from './db/client.ts';
import type { Clock } from './lib/clock.ts';

/** What every service needs, passed explicitly: `escalateCase(deps, actor, input)`. */
export type Deps = {
  db: Db;
  clock: Clock;
  config: Config;
};
