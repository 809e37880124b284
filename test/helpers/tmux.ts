import { execFileSync, spawnSync } from 'node:child_process';

/**
 * The arguments that put a tmux command on this test process's own server, without a config file:
 * a server already running (a developer's) would give the sessions its environment and settings.
 */
export const TMUX = ['-L', `mtl-test-${process.pid}`, '-f', '/dev/null'];

/** Drives an interactive command in a real terminal through tmux (send-keys / capture-pane). */
export class TmuxSession {
  readonly name = `mtl-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

  static available(): boolean {
    return spawnSync('tmux', ['-V']).status === 0;
  }

  constructor(command: string, env: Record<string, string>) {
    const exports = Object.entries(env).map(([k, v]) => `${k}='${v}'`).join(' ');
    execFileSync('tmux', [...TMUX, 'new-session', '-d', '-s', this.name, '-x', '120', '-y', '40', `env ${exports} ${command}; echo "[exit $?]"; sleep 30`]);
  }

  keys(...keys: string[]): void {
    execFileSync('tmux', [...TMUX, 'send-keys', '-t', this.name, ...keys]);
  }

  screen(): string {
    return execFileSync('tmux', [...TMUX, 'capture-pane', '-p', '-t', this.name], { encoding: 'utf8' });
  }

  /** Waits until the screen contains `text`; throws with the screen if it never does. */
  async waitFor(text: string | RegExp, timeoutMs = 10_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const screen = this.screen();
      if (typeof text === 'string' ? screen.includes(text) : text.test(screen)) return screen;
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${text}; screen:\n${screen}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  kill(): void {
    spawnSync('tmux', [...TMUX, 'kill-session', '-t', this.name]);
  }
}
