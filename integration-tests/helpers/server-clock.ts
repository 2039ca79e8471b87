/**
 * Moves the clock of the Medusa that runs in this Jest process (the runner's app) forward by
 * `seconds` while `fn` runs, as if the shopper waited. Only `Date` is faked and it keeps running:
 * timers, locks and sockets behave normally. An in-process sandbox on its real clock moves too.
 */
export async function withServerClockAhead<T>(seconds: number, fn: () => Promise<T>): Promise<T> {
  jest.useFakeTimers({
    advanceTimers: true,
    doNotFake: [
      "hrtime",
      "nextTick",
      "performance",
      "queueMicrotask",
      "requestAnimationFrame",
      "cancelAnimationFrame",
      "requestIdleCallback",
      "cancelIdleCallback",
      "setImmediate",
      "clearImmediate",
      "setInterval",
      "clearInterval",
      "setTimeout",
      "clearTimeout",
    ],
    now: Date.now() + seconds * 1000,
  })
  try {
    return await fn()
  } finally {
    jest.useRealTimers()
  }
}
