/**
 * `medusa exec ./integration-tests/scripts/recover-sessions.ts [go-file]`: one run of the
 * closed-tab job (graceSeconds 0) in its own Medusa process. With a go-file it prints READY once
 * booted and waits for the file to exist, so several instances can be released at the same moment.
 */
import fs from "node:fs"
import { recoverAthMovilSessions } from "../../src/workflows/recover-sessions"

export default async function recoverSessions({ container, args }: { container: any; args: string[] }) {
  const goFile = args[0]
  if (goFile) {
    console.log("READY")
    while (!fs.existsSync(goFile)) await new Promise((r) => setTimeout(r, 10))
  }
  const counts = await recoverAthMovilSessions(container, { graceSeconds: 0 })
  console.log(`RESULT ${JSON.stringify(counts)}`)
}
