// Starts the release binary the way an operator would, on a fresh SQLite data dir and a free
// port, with its mail going to the rig's SMTP sink. Its log is kept next to the data.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { access, mkdir, rm } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { once } from 'node:events';

import { eventually } from './expect.mjs';
import { serverBinary } from './paths.mjs';

async function freePort() {
  const probe = net.createServer();
  await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = /** @type {net.AddressInfo} */ (probe.address());
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

export class DaylineServer {
  #log = '';

  /** @param {import('node:child_process').ChildProcess} child */
  constructor(child, baseUrl, logPath) {
    this.child = child;
    /** `http://localhost:<port>`: passkeys need a host name, not an IP address. */
    this.baseUrl = baseUrl;
    this.logPath = logPath;
  }

  /**
   * @param {{ dir: string, smtpUrl: string, env?: Record<string, string> }} options
   *   `dir` is emptied first and gets the data dir and `server.log`.
   */
  static async start({ dir, smtpUrl, env = {} }) {
    await access(serverBinary).catch(() => {
      throw new Error(`${serverBinary} is missing: \`cargo build --release --locked\` builds it (scripts/e2e does)`);
    });
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    const port = await freePort();
    const baseUrl = `http://localhost:${port}`;
    const logPath = path.join(dir, 'server.log');
    const log = createWriteStream(logPath);
    const child = spawn(serverBinary, ['serve'], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH ?? '',
        DAYLINE_LISTEN: `127.0.0.1:${port}`,
        DAYLINE_PUBLIC_URL: baseUrl,
        DAYLINE_DATA_DIR: path.join(dir, 'data'),
        DAYLINE_SMTP_URL: smtpUrl,
        DAYLINE_LOG_FORMAT: 'json',
        DAYLINE_SHUTDOWN_GRACE_SECS: '5',
        ...env,
      },
    });
    const server = new DaylineServer(child, baseUrl, logPath);
    for (const stream of [child.stdout, child.stderr]) {
      stream?.on('data', (chunk) => {
        server.#log += chunk;
        log.write(chunk);
      });
    }
    child.once('exit', () => log.end());
    await eventually(
      async () => {
        if (child.exitCode !== null) throw new Error(`dayline serve exited with ${child.exitCode}; see ${logPath}`);
        return fetch(`${baseUrl}/livez`).then((r) => r.ok, () => false);
      },
      { timeout: 30_000, message: `dayline serve to answer on ${baseUrl} (log: ${logPath})` },
    );
    return server;
  }

  /** The first-run URL the server logs while it has no administrator. */
  async setupUrl() {
    const match = await eventually(() => /(https?:\/\/[^\s"]+\/setup\?token=[0-9a-f]+)/.exec(this.#log), {
      message: `the setup URL in ${this.logPath}`,
    });
    return match[1];
  }

  async setupToken() {
    return new URL(await this.setupUrl()).searchParams.get('token') ?? '';
  }

  /** Stops it like a service manager would (SIGTERM), so it drains and closes the database. */
  async stop() {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = once(this.child, 'exit');
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}
