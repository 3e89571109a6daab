// `takt <args>` as an operator runs it, for tests of the command line: a real process with Node 24.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const TAKT = fileURLToPath(new URL('../cli/takt.ts', import.meta.url))

export type TaktRun = { code: number | null; stdout: string; stderr: string }

/** Runs over a clean environment (no inherited TAKT_* or DATABASE_URL) plus `env`. */
export async function runTakt(args: string[], env: Record<string, string>): Promise<TaktRun> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('TAKT_') && name !== 'DATABASE_URL'),
  )
  const child = spawn(process.execPath, [TAKT, ...args], {
    env: { ...inherited, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve))
  return { code, stdout, stderr }
}
