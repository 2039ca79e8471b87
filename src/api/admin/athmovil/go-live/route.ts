import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { z } from "zod"
import type { GoLiveResponse } from "../../../../modules/athmovil/admin-views"
import { AccountField, adminAccount } from "../account"
import { parseQuery } from "../query"
import { runGoLiveCheck } from "./check"

const Query = z.object({ ...AccountField }).strict()

/** The go-live check of one account (`provider_id`, default the first; see check.ts): each check green or red with its fix; changes nothing. */
export async function GET(req: MedusaRequest, res: MedusaResponse<GoLiveResponse>) {
  const { provider_id } = parseQuery(Query, req.query)
  res.json({ go_live: await runGoLiveCheck(req.scope, adminAccount(req.scope, provider_id)) })
}
