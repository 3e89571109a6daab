// `takt init`: a production install's first workspace, from flags or the TAKT_BOOTSTRAP_* variables
// that `takt serve` reads on first start, so both paths create exactly the same thing.
import { readFile } from 'node:fs/promises'
import type { Command } from 'commander'
import Format from 'typebox/format'
import { UsageError, type CommandDeps } from './command-deps.ts'
import { isTimeZone, type BootstrapConfig, type Config } from '../config/load-config.ts'
import { isWorkspaceSlug } from '#core/workspace/workspace-slug.ts'
import { PASSWORD_LENGTH } from '../auth/password.ts'
import {
  initWorkspace,
  type InitWorkspaceRequest,
  type InitWorkspaceResult,
} from '../services/init-workspace.ts'
import { describeInit } from '../services/describe-init.ts'
import { bootstrapRequest, DEFAULT_ADMIN_NAME, DEFAULT_TIMEZONE } from '../services/bootstrap-workspace.ts'

type InitOptions = {
  workspace?: string
  name?: string
  timezone?: string
  adminEmail?: string
  adminName?: string
  adminPasswordFile?: string
  apiKeyFromEnv?: boolean
  newApiKey?: boolean
  json?: boolean
}

const HELP_AFTER = `
Flags left out take their values from the TAKT_BOOTSTRAP_* variables (README, Configuration), so
\`takt init --api-key-from-env\` in the environment of \`takt serve --no-demo\` creates what its
first start would.

Running it again changes nothing and says so; what exists is never overwritten. A workspace that
exists with other admins, or an API key that belongs to another workspace, is reported and nothing
is changed.

Exit codes: 0 created or already there, 1 conflicting state (nothing changed), 2 invalid input.

Examples:
  takt init --workspace acme --name "Acme GmbH" --admin-email ops@acme.example \\
            --admin-password-file /run/secrets/takt-admin-password
  printf '%s' "$PASSWORD" | takt init --workspace acme --admin-email ops@acme.example --admin-password-file - --new-api-key
  TAKT_BOOTSTRAP_API_KEY=… takt init --workspace acme --api-key-from-env --json`

export function addInitCommand(program: Command, deps: CommandDeps): void {
  program
    .command('init')
    .description(
      'Create a workspace for production use: the starter agreement, the first admin and an admin API key; safe to run again',
    )
    .option(
      '--workspace <slug>',
      'the slug people sign in with (default: $TAKT_BOOTSTRAP_WORKSPACE, else "main")',
    )
    .option('--name <name>', 'display name (default: $TAKT_BOOTSTRAP_WORKSPACE_NAME, else the slug)')
    .option(
      '--timezone <zone>',
      `IANA time zone of the workspace and its agreement's SLA clock (default: $TAKT_BOOTSTRAP_TIMEZONE, else ${DEFAULT_TIMEZONE})`,
    )
    .option('--admin-email <email>', 'e-mail of the first admin (default: $TAKT_BOOTSTRAP_ADMIN_EMAIL)')
    .option(
      '--admin-name <name>',
      `the admin's name (default: $TAKT_BOOTSTRAP_ADMIN_NAME, else "${DEFAULT_ADMIN_NAME}")`,
    )
    .option(
      '--admin-password-file <path>',
      `file holding the admin's password (${PASSWORD_LENGTH.min}+ characters; one trailing newline is ignored), "-" for standard input; default: $TAKT_BOOTSTRAP_ADMIN_PASSWORD. There is no password flag: arguments show up in ps and shell history`,
    )
    .option(
      '--api-key-from-env',
      'create an admin API key with the value of $TAKT_BOOTSTRAP_API_KEY (kept if it exists)',
    )
    .option(
      '--new-api-key',
      'create a random admin API key and print it once (only when this run creates the workspace)',
    )
    .option('--json', 'print the outcome as one JSON object, for scripts')
    .addHelpText('after', HELP_AFTER)
    .action(async (options: InitOptions) => {
      const config = deps.readConfig()
      let request: InitWorkspaceRequest
      try {
        request = await initRequest(options, config)
      } catch (error) {
        if (!(error instanceof UsageError)) throw error
        process.stderr.write(`${error.message}\n`)
        process.exitCode = 2
        return
      }
      const result = await deps.withDatabase(config, (db) => initWorkspace(db, request, new Date()))
      report(result, request, options, config)
      process.exitCode = result.ok ? 0 : 1
    })
}

async function initRequest(options: InitOptions, config: Config): Promise<InitWorkspaceRequest> {
  const bootstrap = config.bootstrap
  const slug = options.workspace ?? bootstrap.workspace ?? 'main'
  if (!isWorkspaceSlug(slug)) {
    throw new UsageError(
      `--workspace must be 2 to 63 lower-case letters, digits and inner hyphens (got "${slug}")`,
    )
  }
  const timezone = options.timezone ?? bootstrap.timezone ?? DEFAULT_TIMEZONE
  if (!isTimeZone(timezone)) {
    throw new UsageError(`--timezone must be an IANA time zone such as Europe/Berlin (got "${timezone}")`)
  }
  const email = options.adminEmail ?? bootstrap.admin?.email
  if (email !== undefined && !Format.Test('email', email)) {
    throw new UsageError(`--admin-email must be an e-mail address (got "${email}")`)
  }
  if (options.apiKeyFromEnv && options.newApiKey) {
    throw new UsageError('Choose one of --api-key-from-env and --new-api-key.')
  }
  if (options.apiKeyFromEnv && !config.bootstrapApiKey) {
    throw new UsageError('--api-key-from-env needs TAKT_BOOTSTRAP_API_KEY (at least 24 characters).')
  }
  if (email === undefined && !options.apiKeyFromEnv && !options.newApiKey) {
    throw new UsageError(
      'Nothing to sign in with: give --admin-email (or TAKT_BOOTSTRAP_ADMIN_EMAIL), --new-api-key or --api-key-from-env.',
    )
  }
  const password = options.adminPasswordFile
    ? await readPassword(options.adminPasswordFile)
    : email === bootstrap.admin?.email
      ? bootstrap.admin?.password
      : undefined
  // Flags win over the variables; the defaults beyond them are the same as at start-up.
  const merged: BootstrapConfig = {
    workspace: slug,
    workspaceName: options.name ?? bootstrap.workspaceName,
    timezone,
    admin:
      email === undefined ? undefined : { email, name: options.adminName ?? bootstrap.admin?.name, password },
  }
  const apiKey = options.apiKeyFromEnv
    ? { value: config.bootstrapApiKey! }
    : options.newApiKey
      ? { generate: true as const }
      : undefined
  return bootstrapRequest(merged, apiKey, slug)
}

async function readPassword(path: string): Promise<string> {
  let text: string
  try {
    text = path === '-' ? await readStdin() : await readFile(path, 'utf8')
  } catch (error) {
    throw new UsageError(`Cannot read --admin-password-file ${path}: ${(error as Error).message}`)
  }
  // `echo secret > file` adds a newline nobody means as part of the password.
  const password = text.replace(/\r?\n$/, '')
  if (password.length < PASSWORD_LENGTH.min || password.length > PASSWORD_LENGTH.max) {
    throw new UsageError(
      `The admin password must be ${PASSWORD_LENGTH.min} to ${PASSWORD_LENGTH.max} characters long, as sign-in demands (the file holds ${password.length}).`,
    )
  }
  return password
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

function report(
  result: InitWorkspaceResult,
  request: InitWorkspaceRequest,
  options: InitOptions,
  config: Config,
) {
  const lines = describeInit(result, request, 'cli')
  const key = result.ok ? result.apiKey?.key : undefined
  const url =
    config.publicUrl ?? `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`
  if (options.json) {
    const outcome = result.ok
      ? {
          ok: true,
          changed: result.changed,
          workspace: result.workspace,
          workspaceCreated: result.workspaceCreated,
          admin: result.admin ?? null,
          apiKey: result.apiKey ?? null,
          messages: lines,
        }
      : { ok: false, conflict: result.conflict, messages: lines }
    process.stdout.write(`${JSON.stringify(outcome)}\n`)
    return
  }
  if (!result.ok) {
    process.stderr.write(`${lines.join('\n')}\n`)
    return
  }
  const out = [...lines]
  if (key) out.push('', `  Admin API key (shown once; store it now): ${key}`)
  out.push('', `Sign in at ${url}/?workspace=${result.workspace.slug}`)
  process.stdout.write(`${out.join('\n')}\n`)
}
