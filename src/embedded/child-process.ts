import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

const SETPRIV = '/usr/bin/setpriv';

/**
 * The command line that starts `command` so that it gets SIGTERM when this process dies, however it
 * dies (SIGKILL, a crash, a test runner's timeout): util-linux's setpriv sets the parent-death
 * signal and then execs the command, so the child keeps its pid. Without setpriv (not Linux) the
 * command runs as given and the next start cleans up what a killed parent left (runtime.json).
 */
export function diesWithParent(command: string, args: readonly string[]): [string, string[]] {
  if (process.platform !== 'linux' || !existsSync(SETPRIV)) return [command, [...args]];
  return [SETPRIV, ['--pdeathsig', 'TERM', '--', command, ...args]];
}

/** Sends `signal` to a child and waits for it to exit; escalates to SIGKILL after `timeoutMs`. */
export async function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
    }, timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
}

/** Keeps the last lines a child printed, to explain a failed start. */
export function tailBuffer(maxLines = 40): { push: (chunk: Buffer | string) => void; text: () => string } {
  const lines: string[] = [];
  return {
    push: (chunk) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim().length === 0) continue;
        lines.push(line);
        if (lines.length > maxLines) lines.shift();
      }
    },
    text: () => lines.join('\n'),
  };
}
