// `takt serve` as a child process, for tests that need real server processes: their own timers, pools
// and signals, and processes to kill, stop or starve on purpose. Reading process.env here is test setup.
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import serverNodeFlags from '../../../../bin/server-node-flags.json' with { type: 'json' }

const TAKT = fileURLToPath(new URL('../cli/takt.ts', import.meta.url))
const START_TIMEOUT_MS = 60_000
const STOP_TIMEOUT_MS = 10_000

export type ServerProcess = {
  url: string
  port: number
  pid: number
  child: ChildProcess
  /** what the process wrote to stdout and stderr so far, for failure messages */
  output: () => string
  /** resolves with the exit code, or the signal's name, once the process has ended */
  exited: Promise<number | string>
  /** sends the signal and resolves with how the process ended */
  kill: (signal: NodeJS.Signals) => Promise<number | string>
  /** SIGTERM, then SIGKILL if it has not exited within 10 s */
  stop: () => Promise<void>
}

/**
 * Starts `takt serve --no-demo` with `env` over a clean environment (no inherited TAKT_* or
 * DATABASE_URL) and resolves once /readyz answers 200. A given port is reused, e.g. after a restart.
 */
export async function startServerProcess(env: Record<string, string>, port?: number): Promise<ServerProcess> {
  const chosen = port ?? (await freePort())
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('TAKT_') && name !== 'DATABASE_URL'),
  )
  // With the heap limits `takt serve` runs with (bin/takt.mjs), so benches measure what production does.
  const child = spawn(process.execPath, [...serverNodeFlags, TAKT, 'serve', '--no-demo'], {
    env: { ...inherited, HOST: '127.0.0.1', PORT: String(chosen), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
  let ended: number | string | undefined
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve((ended = code ?? signal ?? 'unknown'))),
  )
  const kill = async (signal: NodeJS.Signals) => {
    if (ended === undefined) child.kill(signal)
    return exited
  }
  const stop = async () => {
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS)
    await kill('SIGTERM')
    clearTimeout(timer)
  }
  const url = `http://127.0.0.1:${chosen}`
  const deadline = Date.now() + START_TIMEOUT_MS
  for (;;) {
    if (ended !== undefined) throw new Error(`takt serve ended with ${ended}:\n${output}`)
    if (await isReady(url)) break
    if (Date.now() > deadline) {
      await kill('SIGKILL')
      throw new Error(`takt serve was not ready within ${START_TIMEOUT_MS} ms:\n${output}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return { url, port: chosen, pid: child.pid!, child, output: () => output, exited, kill, stop }
}

async function isReady(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/readyz`)).status === 200
  } catch {
    return false
  }
}

// The port is free when asked; another process could take it before the child binds it, which
// then fails the start loudly rather than silently.
export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  if (typeof address !== 'object' || !address) throw new Error('no port')
  return address.port
}
