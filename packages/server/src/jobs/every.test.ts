import { it } from 'node:test'
import assert from 'node:assert/strict'
import { every } from './every.ts'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function recordingLog() {
  const lines: string[] = []
  const log = (level: string) => (_object: object, message?: string) =>
    lines.push(`${level} ${message ?? ''}`)
  return { lines, log: { info: log('info'), warn: log('warn'), error: log('error') } }
}

it('pauses while the database is unreachable, logging it once, and resumes when it is back', async () => {
  let up = false
  let rounds = 0
  const { lines, log } = recordingLog()
  const job = every(
    { name: 'probe', everyMs: 5, round: async () => ({ done: ++rounds, full: false }) },
    { log, database: { isUp: () => up, reportFailure: () => false } },
  )
  await sleep(60)
  assert.equal(rounds, 0, 'no round runs while the database is away')
  assert.deepEqual(lines, ['warn probe paused: database unreachable'])
  up = true
  await sleep(60)
  await job.stop()
  assert.ok(rounds > 0)
  assert.deepEqual(lines.slice(0, 2), ['warn probe paused: database unreachable', 'info probe resumed'])
})

it('treats a round failing on a lost connection as a pause, not an error', async () => {
  const { lines, log } = recordingLog()
  let reported = 0
  let up = true
  const job = every(
    {
      name: 'probe',
      everyMs: 5,
      round: async () => {
        throw new Error('Connection terminated unexpectedly')
      },
    },
    {
      log,
      database: {
        isUp: () => up,
        reportFailure: () => {
          reported++
          up = false
          return true
        },
      },
    },
  )
  await sleep(50)
  await job.stop()
  assert.equal(reported, 1)
  assert.ok(!lines.some((line) => line.startsWith('error')), lines.join('\n'))
})

it('stop() waits for the round in progress', async () => {
  let finished = false
  const { log } = recordingLog()
  const job = every(
    {
      name: 'slow',
      everyMs: 5,
      round: async () => {
        await sleep(100)
        finished = true
        return { done: 1, full: false }
      },
    },
    { log },
  )
  await sleep(20)
  await job.stop()
  assert.equal(finished, true)
})
