// Failed sign-ins per name are limited, so a password cannot be guessed at argon2's pace without pause.

/** Failed attempts allowed per name within the window before sign-in is refused with 429. */
export const LOGIN_FAILURES_MAX = 5;
export const LOGIN_WINDOW_MS = 15 * 60_000;
/** Names tracked at most; the oldest entries are dropped first, so the map cannot grow without bound. */
export const LOGIN_TRACKED_NAMES_MAX = 10_000;

export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Milliseconds until `name` may try again, or 0 when it may try now. */
  retryAfterMs(name: string): number {
    const recent = this.recent(name);
    if (recent.length < LOGIN_FAILURES_MAX) return 0;
    return (recent[0] as number) + LOGIN_WINDOW_MS - this.now();
  }

  fail(name: string): void {
    const recent = this.recent(name);
    recent.push(this.now());
    this.failures.delete(name);
    this.failures.set(name, recent);
    if (this.failures.size > LOGIN_TRACKED_NAMES_MAX) {
      const oldest = this.failures.keys().next().value;
      if (oldest !== undefined) this.failures.delete(oldest);
    }
  }

  succeed(name: string): void {
    this.failures.delete(name);
  }

  private recent(name: string): number[] {
    const since = this.now() - LOGIN_WINDOW_MS;
    return (this.failures.get(name) ?? []).filter((at) => at > since);
  }
}
