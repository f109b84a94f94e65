import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Actor } from '../../src/chat/chat-event.js';

export const alice: Actor = { platform: 'teams', id: '29:alice', displayName: 'Alice Ops' };
export const bob: Actor = { platform: 'teams', id: '29:bob', displayName: 'Bob' };

/** A writable that keeps everything written to it, for logs and exports. */
export function textBuffer(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      text += chunk.toString();
      callback();
    },
  });
  return { stream, text: () => text };
}

/** A fresh temp folder per call; `cleanup` removes them all. */
export function tempDirs(prefix: string): { make: () => string; cleanup: () => void } {
  const dirs: string[] = [];
  return {
    make: () => {
      const dir = mkdtempSync(join(tmpdir(), prefix));
      dirs.push(dir);
      return dir;
    },
    cleanup: () => {
      for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
}
