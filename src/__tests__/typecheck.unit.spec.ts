import { execFile } from "node:child_process"
import path from "node:path"

/*
 * The compiler is what keeps the admin API honest: each admin route answers a type from
 * `modules/athmovil/admin-views.ts` (`res: MedusaResponse<…>`) and the admin UI reads the same type
 * as JSON (`Jsonify<…>`). The server and the admin are two TypeScript programs (the admin is a
 * browser bundle with its own tsconfig), so `npm test` type-checks both: a field renamed on one
 * side fails here instead of showing an empty column in the admin.
 */
const ROOT = path.resolve(__dirname, "../..")
const TSC = require.resolve("typescript/bin/tsc")

function typecheck(project: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [TSC, "--noEmit", "--pretty", "false", "-p", project], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}`.trim() })
    })
  })
}

jest.setTimeout(180_000)

describe("type check", () => {
  it.each([
    ["the server, store and admin routes, workflows and module", "tsconfig.json"],
    ["the admin UI", "src/admin/tsconfig.json"],
  ])("%s: no type error", async (_, project) => {
    const { code, output } = await typecheck(project)
    // The compiler's own lines name the file, the line and the drift.
    expect(output).toBe("")
    expect(code).toBe(0)
  })
})
