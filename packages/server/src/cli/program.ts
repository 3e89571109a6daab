// The `takt` commands: serve, demo, init, verify, backtest, report, migrate. Configuration comes from the environment (README).
import { Command, InvalidArgumentError } from 'commander'
import cliProgress from 'cli-progress'
import { loadConfig, ConfigError, type Config } from '../config/load-config.ts'
import { openDatabase } from '../db/database.ts'
import { migrateToLatest, migrateDown } from '../db/migrate.ts'
import { startServer } from '../main.ts'
import { isDatabaseUnreachable } from '../db/database-availability.ts'
import { seedDemoWorkspace, type DemoCredentials } from '../demo/seed-demo-workspace.ts'
import { verifyProjections } from '../services/verify-projections.ts'
import { workspaceRepository } from '../db/workspace.repository.ts'
import { addInitCommand } from './init-command.ts'
import { addBacktestCommand } from './backtest-command.ts'
import { addReportCommand } from './report-command.ts'
import { addModelCommand } from './model-command.ts'

function readConfig(): Config {
  try {
    return loadConfig(process.env)
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Configuration error:\n${error.message}\n`)
      process.exit(2)
    }
    throw error
  }
}

function positiveInteger(value: string): number {
  const number = Number(value)
  if (!Number.isInteger(number) || number < 1)
    throw new InvalidArgumentError('must be a whole number of at least 1')
  return number
}

async function withDatabase<T>(
  config: Config,
  work: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<T>,
): Promise<T> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  try {
    await migrateToLatest(database.db)
    return await work(database.db)
  } finally {
    await database.close()
  }
}

export function printCredentials(url: string, credentials: DemoCredentials) {
  const lines = [
    '',
    `Takt is running at ${url}`,
    `  API reference:  ${url}/docs/api`,
    `  Workspace:      ${credentials.workspace}   password for every demo user: ${credentials.password}`,
    ...credentials.users.map((user) => `    ${user.role.padEnd(14)} ${user.email.padEnd(36)} ${user.name}`),
    `  Ingestion key:  ${credentials.ingestKey}`,
    `  Read key:       ${credentials.readKey}`,
    '',
    `  Try: curl -H "Authorization: Bearer ${credentials.readKey}" "${url}/api/v1/leads?stage=mql&limit=5"`,
    '',
  ]
  process.stdout.write(`${lines.join('\n')}\n`)
}

const program = new Command()
  .name('takt')
  .description('Takt – lead qualification engine. Configuration by environment variables; see README.')
  .showHelpAfterError()

program
  .command('serve')
  .description(
    'Start the HTTP server (API, API reference) and background jobs; creates the demo workspace on first start',
  )
  .option('--no-demo', 'do not create the demo workspace on an empty database')
  .option('--demo-leads <n>', 'leads in the demo workspace created on first start', positiveInteger, 400)
  .action(async (options: { demo: boolean; demoLeads: number }) => {
    const config = readConfig()
    const server = await startServer(config, options)
    if (server.demo) printCredentials(server.url, server.demo)
    else process.stdout.write(`Takt is running at ${server.url}\n`)
    process.on('unhandledRejection', (reason) => {
      // A connection lost at an unlucky moment must not end the process; anything else is a bug
      // whose state nobody can vouch for, so the process ends and its supervisor restarts it.
      if (isDatabaseUnreachable(reason)) server.app.log.warn({ err: reason }, 'database call failed')
      else {
        server.app.log.fatal({ err: reason }, 'unhandled rejection')
        process.exit(1)
      }
    })
    let stopping = false
    const stop = async (signal: string) => {
      if (stopping) return
      stopping = true
      server.app.log.info({ signal }, 'shutting down: finishing requests and jobs in progress')
      // A request that never ends must not keep the process from stopping forever.
      setTimeout(() => {
        server.app.log.error('shutdown took longer than 30 s; exiting anyway')
        process.exit(1)
      }, 30_000).unref()
      await server.close()
      process.exit(0)
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })

program
  .command('demo')
  .description(
    'Generate a seeded synthetic workspace: months of touchpoints across sources, journey stages, reps and outcomes',
  )
  .option('--leads <n>', 'number of leads', positiveInteger, 400)
  .option('--seed <n>', 'random seed (same seed, same workspace)', positiveInteger, 42)
  .option('--workspace <slug>', 'slug of the new workspace', 'demo')
  .action(async (options: { leads: number; seed: number; workspace: string }) => {
    const config = readConfig()
    await withDatabase(config, async (db) => {
      if (await workspaceRepository.findBySlug(db, options.workspace)) {
        process.stderr.write(
          `Workspace "${options.workspace}" exists already; choose another with --workspace.\n`,
        )
        process.exitCode = 1
        return
      }
      const bars = new cliProgress.MultiBar(
        { format: ' {phase} [{bar}] {value}/{total}', hideCursor: true },
        cliProgress.Presets.shades_classic,
      )
      const eventsBar = bars.create(1, 0, { phase: 'touchpoints' })
      const decisionsBar = bars.create(options.leads, 0, { phase: 'leads      ' })
      const credentials = await seedDemoWorkspace(db, {
        slug: options.workspace,
        leads: options.leads,
        seed: options.seed,
        now: new Date(),
        onProgress: (phase, done, total) => {
          const bar = phase === 'events' ? eventsBar : decisionsBar
          bar.setTotal(total)
          bar.update(done)
        },
      })
      bars.stop()
      printCredentials(config.publicUrl ?? `http://${config.host}:${config.port}`, credentials)
    })
  })

addInitCommand(program, { readConfig, withDatabase })
addBacktestCommand(program, { readConfig, withDatabase })
addReportCommand(program, { readConfig, withDatabase })
addModelCommand(program, { readConfig, withDatabase })

program
  .command('verify')
  .description(
    'Rebuild every lead from its stored touchpoints and decisions and report any difference (exit code 1 if any)',
  )
  .action(async () => {
    const config = readConfig()
    await withDatabase(config, async (db) => {
      const { checked, differences } = await verifyProjections(db)
      for (const difference of differences.slice(0, 50)) {
        process.stdout.write(
          `DIFF ${difference.workspace} ${difference.email} ${difference.field}: stored ${JSON.stringify(difference.stored)} rebuilt ${JSON.stringify(difference.rebuilt)}\n`,
        )
      }
      process.stdout.write(`${checked} leads checked, ${differences.length} differences\n`)
      if (differences.length > 0) process.exitCode = 1
    })
  })

program
  .command('migrate')
  .description('Apply database migrations (or undo the last one with --down)')
  .option('--down', 'undo the most recent migration')
  .action(async (options: { down?: boolean }) => {
    const config = readConfig()
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
    try {
      const result = options.down ? await migrateDown(database.db) : await migrateToLatest(database.db)
      process.stdout.write(`${JSON.stringify(result)}\n`)
    } finally {
      await database.close()
    }
  })

await program.parseAsync(process.argv)
