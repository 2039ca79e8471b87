import http from "node:http"
import type { AddressInfo } from "node:net"
import type { AthSandbox } from "../../src/sandbox"

/** A throw-away listener that only records what the sandbox sends, to replay it by hand. */
export async function captureListener(): Promise<{ url: string; bodies: unknown[]; close(): Promise<void> }> {
  const bodies: unknown[] = []
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on("data", (c) => chunks.push(c))
    req.on("end", () => {
      bodies.push(JSON.parse(Buffer.concat(chunks).toString("utf8")))
      res.end("ok")
    })
  })
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r))
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}/capture`, bodies, close: () => new Promise((r) => server.close(() => r())) }
}

/** Subscribes the sandbox merchant directly (what the ATH Business app would do). */
export async function subscribeSandbox(sandbox: AthSandbox, listenerURL: string): Promise<void> {
  const res = await fetch(`${sandbox.reportBaseUrl}/transactions/webhook/post`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      ...sandbox.tokens,
      listenerURL,
      paymentReceivedEvent: true,
      refundSentEvent: true,
      donationReceivedEvent: true,
      ecommercePaymentReceivedEvent: true,
      ecommercePaymentCancelledEvent: true,
      ecommercePaymentExpiredEvent: true,
    }),
  })
  if (!res.ok) throw new Error(`subscription failed: ${res.status} ${await res.text()}`)
}

export async function waitFor<T>(what: string, read: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs
  let last: T = await read()
  while (!done(last)) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(last)}`)
    await new Promise((r) => setTimeout(r, 150))
    last = await read()
  }
  return last
}
