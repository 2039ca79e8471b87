import { z } from "zod"
import type { SandboxFault, SandboxRoute } from "./types"

export const faultSchema = z
  .object({
    latencyMs: z.number().int().min(0).max(600_000).optional(),
    jitterMs: z.number().int().min(0).max(600_000).optional(),
    status: z.number().int().min(500).max(599).optional(),
    softError: z.object({ errorcode: z.string().min(1), message: z.string() }).strict().optional(),
    malformedJson: z.boolean().optional(),
    commitThenDrop: z.boolean().optional(),
    times: z.number().int().positive().optional(),
  })
  .strict()

/** What one request should suffer; `times` is already accounted for. */
export interface AppliedFault {
  delayMs: number
  status?: number
  softError?: { errorcode: string; message: string }
  malformedJson: boolean
  commitThenDrop: boolean
}

export class FaultRegistry {
  private readonly faults = new Map<SandboxRoute, { fault: SandboxFault; remaining: number }>()

  set(route: SandboxRoute, fault: SandboxFault | null): void {
    if (fault === null) {
      this.faults.delete(route)
      return
    }
    const parsed = faultSchema.safeParse(fault)
    if (!parsed.success) throw new TypeError(`Invalid fault for ${route}: ${z.prettifyError(parsed.error)}`)
    this.faults.set(route, { fault: parsed.data, remaining: parsed.data.times ?? Infinity })
  }

  clear(): void {
    this.faults.clear()
  }

  /** Consumes one use of the route's fault, if any. */
  take(route: SandboxRoute): AppliedFault | null {
    const entry = this.faults.get(route)
    if (!entry) return null
    entry.remaining--
    if (entry.remaining <= 0) this.faults.delete(route)
    const f = entry.fault
    return {
      delayMs: (f.latencyMs ?? 0) + Math.floor(Math.random() * (f.jitterMs ?? 0)),
      status: f.status,
      softError: f.softError,
      malformedJson: f.malformedJson === true,
      commitThenDrop: f.commitThenDrop === true,
    }
  }
}
