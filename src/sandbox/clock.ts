/**
 * The sandbox clock. Manual mode freezes time so tests can step over the
 * 120–600 s ticket timeouts and the 900 s token lifetime without waiting;
 * real mode still accepts advances so a demo can fast-forward.
 */
export class SandboxClock {
  private offsetMs = 0
  private readonly frozenAtMs: number

  constructor(readonly mode: "real" | "manual") {
    this.frozenAtMs = Date.now()
  }

  nowMs(): number {
    return (this.mode === "manual" ? this.frozenAtMs : Date.now()) + this.offsetMs
  }

  now(): Date {
    return new Date(this.nowMs())
  }

  advance(seconds: number): void {
    if (!Number.isFinite(seconds) || seconds < 0) {
      throw new RangeError(`advanceTime expects a non-negative number of seconds, got ${seconds}`)
    }
    this.offsetMs += Math.round(seconds * 1000)
  }
}
