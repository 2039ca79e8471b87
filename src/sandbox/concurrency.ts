import type { RequestLogEntry } from "./types"

type Route = RequestLogEntry["route"]

/**
 * How many requests each route is answering at once, and the most it ever answered at once since
 * the last reset: lets a test see that a client really works side by side (a latency fault keeps
 * each request open long enough to overlap) without timing anything.
 */
export class RouteConcurrency {
  private readonly open = new Map<Route, number>()
  private readonly highest = new Map<Route, number>()

  enter(route: Route): void {
    const now = (this.open.get(route) ?? 0) + 1
    this.open.set(route, now)
    this.highest.set(route, Math.max(now, this.highest.get(route) ?? 0))
  }

  leave(route: Route): void {
    this.open.set(route, Math.max(0, (this.open.get(route) ?? 0) - 1))
  }

  peak(route: Route): number {
    return this.highest.get(route) ?? 0
  }

  reset(): void {
    this.highest.clear()
    for (const [route, n] of this.open) this.highest.set(route, n)
  }
}
