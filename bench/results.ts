// Every bench script records its figures under its own name in bench/results.json, keeping the others'.
import { readFile, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'

const RESULTS = fileURLToPath(new URL('./results.json', import.meta.url))

export async function recordResults(bench: string, figures: Record<string, unknown>): Promise<void> {
  let all: Record<string, unknown> = {}
  try {
    all = JSON.parse(await readFile(RESULTS, 'utf8')) as Record<string, unknown>
  } catch {
    // first bench of a checkout
  }
  all[bench] = { measuredAt: new Date().toISOString(), ...figures }
  await writeFile(RESULTS, `${JSON.stringify(all, null, 2)}\n`)
}
