import type { IncomingMessage } from "node:http"

/** ATH's largest documented payload is ~1 KB; 64 KB leaves room for items without inviting abuse. */
export const WEBHOOK_BODY_LIMIT_BYTES = 64 * 1024

export class BodyTooLargeError extends Error {}

/** Reads the raw body ourselves so the 413 and the raw bytes stay under the listener's control. */
export async function readRawBody(req: IncomingMessage, limit = WEBHOOK_BODY_LIMIT_BYTES): Promise<Buffer> {
  const declared = Number(req.headers["content-length"])
  if (Number.isFinite(declared) && declared > limit) throw new BodyTooLargeError()
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > limit) throw new BodyTooLargeError()
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks)
}
