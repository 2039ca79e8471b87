/**
 * `medusa exec ./integration-tests/scripts/seed-store.ts <backend-url>`: seeds the test store
 * (admin user, USD region with ATH Móvil, shipping, products) through a running server's Admin API,
 * the way the in-process suites do, and prints it as `STORE <json>`. It waits for the server to
 * answer first, so it can boot alongside it.
 */
import axios from "axios"
import { seedStore } from "../helpers/store"

export default async function seed({ container, args }: { container: any; args: string[] }) {
  // May be started together with the server: wait until it answers.
  for (let i = 0; ; i++) {
    const up = await fetch(`${args[0]}/health`).then((r) => r.ok, () => false)
    if (up) break
    if (i > 1200) throw new Error(`${args[0]} did not come up`)
    await new Promise((r) => setTimeout(r, 200))
  }
  const api = axios.create({ baseURL: args[0] })
  const store = await seedStore(api, container)
  console.log(`STORE ${JSON.stringify(store)}`)
}
