/**
 * Where the bot keeps its records, as the tools beside it (`npm run audit:export`) must read them:
 * the same DATA_DIR and DATABASE_URL as the bot, read here since only src/config reads the
 * environment. Unchecked on purpose: the tool reports what it cannot open.
 */
export interface StoreEnv {
  DATA_DIR?: string;
  DATABASE_URL?: string;
}

export function readStoreEnv(env: Record<string, string | undefined> = process.env): StoreEnv {
  return { DATA_DIR: env.DATA_DIR, DATABASE_URL: env.DATABASE_URL };
}
