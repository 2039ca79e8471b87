import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { resolveAthMovil } from "../../../../providers/athmovil/container"
import { runGoLiveCheck } from "./check"

/** The go-live check (see check.ts): each check green or red with its fix; changes nothing. */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  res.json({ go_live: await runGoLiveCheck(req.scope, resolveAthMovil(req.scope)) })
}
