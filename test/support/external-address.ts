import { networkInterfaces } from 'node:os';
import type { TestBot } from './start-test-bot.js';

/** This machine's address on a real network interface: a client there is not loopback. */
export function externalAddress(): string {
  const found = Object.values(networkInterfaces())
    .flat()
    .find((address) => address && address.family === 'IPv4' && !address.internal);
  if (!found) throw new Error('This test needs a network interface other than loopback (eth0, say).');
  return found.address;
}

/** The bot's port reached through the machine's external address instead of localhost. */
export function fromOutside(bot: TestBot, path: string): string {
  return `http://${externalAddress()}:${new URL(bot.bot.url).port}${path}`;
}
