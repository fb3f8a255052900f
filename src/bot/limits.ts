/**
 * At most `limit` hits per key in a window that starts with the key's first hit. A key whose
 * window has passed is forgotten on the next hit of anyone, so memory follows the people active
 * in the last window and nobody's count is reset early by someone else.
 */
export class WindowLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts a hit; true when it is over the limit. */
  overLimit(key: string): boolean {
    const now = this.now();
    this.evict(now);
    const window = this.windows.get(key);
    if (!window) {
      this.windows.set(key, { start: now, count: 1 });
      return false;
    }
    window.count++;
    return window.count > this.limit;
  }

  /** keys with a window still open */
  get size(): number {
    return this.windows.size;
  }

  private evict(now: number): void {
    // A window is inserted when it starts and deleted when it ends, so the Map's order is the
    // order of start times: stop at the first one still open.
    for (const [key, window] of this.windows) {
      if (now - window.start < this.windowMs) break;
      this.windows.delete(key);
    }
  }
}

/** One bucket shared by every caller: `perMinute` requests, refilled evenly, a minute's worth at most. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = perMinute;
    this.last = now();
  }

  /** Takes a token; false when none is left. */
  take(): boolean {
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** whole seconds until the next token */
  retryAfterSeconds(): number {
    this.refill();
    return Math.max(1, Math.ceil(((1 - this.tokens) * 60) / this.perMinute));
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.perMinute, this.tokens + ((now - this.last) * this.perMinute) / 60_000);
    this.last = now;
  }
}
