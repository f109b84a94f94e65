import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSimulator, type Simulator } from '../../src/simulator/create-simulator.js';
import { type SimulatorServer, startSimulatorServer } from '../../src/simulator/start-simulator-server.js';
import { FakeBotConnector } from './fake-bot-connector.js';
import { createTestSchema, type TestSchema } from './postgres-schema.js';
import { identities, teamsIdOf, type User } from './start-test-bot.js';

/**
 * What several bot replicas share in a test: a PostgreSQL schema of their own, one simulator over
 * HTTP (SIMULATOR_URL), one fake Bot Framework connector knowing the test identities, and a data
 * dir per replica. `stop()` removes all of it.
 */
export interface ReplicaBackend {
  db: TestSchema;
  connector: FakeBotConnector;
  server: SimulatorServer;
  dirs: string[];
  /** DATABASE_URL and SIMULATOR_URL for a replica. */
  env: { DATABASE_URL: string; SIMULATOR_URL: string };
  stop(): Promise<void>;
}

export async function startReplicaBackend(
  url: string,
  options: { speed: number; replicas?: number },
): Promise<ReplicaBackend> {
  const dirs = Array.from({ length: options.replicas ?? 2 }, (_v, i) =>
    mkdtempSync(join(tmpdir(), `replica-${i}-`)),
  );
  const db = await createTestSchema(url);
  const connector = new FakeBotConnector();
  await connector.start();
  for (const [user, aadObjectId] of Object.entries(identities))
    connector.addMember({ id: teamsIdOf(user as User), name: user, aadObjectId });
  const simulator: Simulator = await createSimulator({ speed: options.speed });
  const server = await startSimulatorServer({ simulator, httpPort: 0, httpsPort: 0, certDir: dirs[0] });
  return {
    db,
    connector,
    server,
    dirs,
    env: { DATABASE_URL: db.databaseUrl, SIMULATOR_URL: server.httpUrl },
    async stop() {
      await server.close();
      await simulator.close();
      await connector.stop();
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
      await db.drop();
    },
  };
}
