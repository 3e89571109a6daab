// The pipeline board at scale: one workspace with 100,000 leads (one bulk INSERT ... SELECT from
// generate_series, not the ingestion path), then the board's requests timed through the HTTP app as
// the browser sends them: counts per stage, the first page and a deep page of the list.
// Usage: node bench/board.bench.ts [--leads 100000] [--runs 7] (DATABASE_URL selects PostgreSQL).
import { issueApiKey } from '../packages/server/src/services/issue-api-key.ts'
import { recordResults } from './results.ts'
import { parseArgs } from 'node:util'
import { performance } from 'node:perf_hooks'
import { readFile } from 'node:fs/promises'
import { sql } from 'kysely'
import { createTestDatabase } from '../packages/server/src/testing/test-database.ts'
import { createWorkspace } from '../packages/server/src/services/create-workspace.ts'
import { DEMO_AGREEMENT_PATH } from '../packages/server/src/demo/seed-demo-workspace.ts'
import { userRepository } from '../packages/server/src/db/user.repository.ts'
import { hashPassword } from '../packages/server/src/auth/password.ts'
import { buildApp } from '../packages/server/src/http/app.ts'

const { values } = parseArgs({
  options: { leads: { type: 'string', default: '100000' }, runs: { type: 'string', default: '7' } },
})
const leadCount = Number(values.leads)
const runs = Number(values.runs)
const kind = process.env.DATABASE_URL ? 'postgres' : 'pglite'

const database = await createTestDatabase(kind)
const db = database.db
const slug = `board-${Date.now()}`
const password = 'benchmark-password'
const { workspace } = await createWorkspace(
  db,
  {
    slug,
    name: 'board bench',
    admin: { email: `admin@${slug}.test`, name: 'Admin', password },
    agreement: { text: await readFile(DEMO_AGREEMENT_PATH, 'utf8'), format: 'yaml' },
    content: [],
  },
  new Date(0),
)
const passwordHash = await hashPassword(password)
const reps: string[] = []
for (let index = 0; index < 12; index++) {
  reps.push(
    await userRepository.insert(db, workspace.id, {
      email: `rep${index}@${slug}.test`,
      name: `Rep ${index}`,
      role: 'sales',
      passwordHash,
    }),
  )
}
const readKey = await issueApiKey(db, workspace.id, { name: 'bench', scope: 'read' })

// A realistic shape: most leads early in the funnel, sales stages owned by one of twelve reps, a few
// unowned MQLs waiting, six sources in two lanes, dates spread over two years. Deterministic.
let start = performance.now()
await db.transaction().execute(async (trx) => {
  await sql`select setseed(0.42)`.execute(trx)
  await sql`
    insert into leads (workspace_id, email, first_name, last_name, title, company_name, country, lane,
      stage, stage_entered_at, owner_id, fit_score, engagement_score, scored_at, first_touch_at,
      last_touch_at, touchpoint_count, profile)
    select ${workspace.id}::uuid, 'person' || i || '@firma' || (i % 9000) || '.de',
      (array['Anna','Jonas','Lena','Lukas','Sophie','Felix','Marie','Paul'])[1 + i % 8],
      (array['Müller','Schmidt','Schneider','Fischer','Weber','Meyer','Wagner','Becker','Hoffmann'])[1 + i % 9],
      (array['Werkleiter','Leiter Produktion','Einkauf','Geschäftsführer','Student'])[1 + i % 5],
      'Firma ' || (i % 9000) || (array[' GmbH',' AG',' KG'])[1 + i % 3],
      (array['DE','AT','CH'])[1 + i % 3],
      case when source = 'sdr_list' then 'cold_outreach' else 'inbound' end,
      stage, now() - (random() * 365 || ' days')::interval,
      case when stage in ('sal', 'sql', 'opportunity', 'customer') or (stage = 'mql' and random() < 0.8)
        then (${sql.val(reps)}::uuid[])[1 + floor(random() * 12)::int] end,
      round((random() * 100)::numeric, 1), round((random() * 150)::numeric, 1), now(),
      now() - interval '2 years', touched, 1 + floor(random() * 40)::int,
      jsonb_build_object('source', source)
    from (
      select i,
        case when r < 0.55 then 'lead' when r < 0.60 then 'mql' when r < 0.65 then 'sal'
          when r < 0.69 then 'sql' when r < 0.72 then 'opportunity' when r < 0.75 then 'customer'
          when r < 0.90 then 'recycled' else 'disqualified' end as stage,
        (array['website','webinar','trade_fair','partner_referral','newsletter','sdr_list'])[1 + i % 6] as source,
        now() - (random() * 730 || ' days')::interval as touched
      from (select i, random() as r from generate_series(1, ${leadCount}) as i) as numbered
    ) as generated`.execute(trx)
})
const seedSeconds = (performance.now() - start) / 1000
start = performance.now()
// As autovacuum leaves a table in steady use: statistics and the visibility map (index-only counts).
await sql`vacuum analyze leads`.execute(db)
const analyzeSeconds = (performance.now() - start) / 1000

// Walking to a deep cursor takes hundreds of requests: no rate limit in the way.
const app = await buildApp({
  db,
  clock: () => new Date(),
  secureCookies: false,
  logLevel: 'silent',
  rateLimitPerMinute: 1_000_000,
})
const signedIn = await app.inject({
  method: 'POST',
  url: '/api/v1/session',
  payload: { workspace: slug, email: `rep0@${slug}.test`, password },
})
const repCookie = String(signedIn.headers['set-cookie']).split(';')[0]!
const asKey = { authorization: `Bearer ${readKey}` }
const asRep = { cookie: repCookie }

async function get(url: string, headers: Record<string, string>) {
  const response = await app.inject({ method: 'GET', url, headers })
  if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body}`)
  return response.json() as { nextCursor?: string | null; total?: number; items?: unknown[] }
}

/** Median and slowest of `runs` warm calls, after one call that warms caches. */
async function time(url: string, headers: Record<string, string>) {
  await get(url, headers)
  const samples: number[] = []
  for (let run = 0; run < runs; run++) {
    const began = performance.now()
    await get(url, headers)
    samples.push(performance.now() - began)
  }
  samples.sort((a, b) => a - b)
  return { median: samples[Math.floor(samples.length / 2)]!, max: samples.at(-1)! }
}

/** The cursor `depth` leads into a list, reached the way a client would: page after page. */
async function cursorAt(path: string, query: string, depth: number, headers: Record<string, string>) {
  let cursor: string | null | undefined
  for (let seen = 0; seen < depth; seen += 500) {
    const page = await get(`${path}?${query}&limit=500${cursor ? `&cursor=${cursor}` : ''}`, headers)
    cursor = page.nextCursor
    if (!cursor) throw new Error(`${path}?${query} has fewer than ${depth} leads`)
  }
  return cursor!
}

const rows: Array<[string, { median: number; max: number }]> = []
const measure = async (label: string, url: string, headers: Record<string, string> = asKey) => {
  rows.push([label, await time(url, headers)])
}

const filtered = 'source=webinar&minFit=40&touchedWithinDays=90&q=gmbh'
await measure('counts, no filter', '/api/v1/pipeline')
await measure(`counts, ${filtered}`, `/api/v1/pipeline?${filtered}`)
await measure('counts, as a rep', '/api/v1/pipeline', asRep)
// The board lists its leads through GET /leads, under the same filters as the counts.
const list = '/api/v1/leads'
for (const query of ['sort=engagement', 'stage=mql&sort=engagement', 'sort=lastTouch']) {
  await measure(`list ${query}: page 1`, `${list}?${query}&limit=50`)
  // MQLs are 5 % of the leads: their deep page is the 4,000th.
  for (const depth of query.startsWith('stage=') ? [4_000] : [10_000, 90_000]) {
    const cursor = await cursorAt(list, query, depth, asKey)
    await measure(`list ${query}: 50 after ${depth}`, `${list}?${query}&limit=50&cursor=${cursor}`)
  }
}
await measure(`list ${filtered}: page 1`, `${list}?${filtered}&limit=50`)
await measure('list as a rep: page 1', `${list}?limit=50`, asRep)

const counts = await get('/api/v1/pipeline', asKey)
console.log(
  `database: ${kind}; ${counts.total} leads seeded in ${seedSeconds.toFixed(1)} s (one INSERT ... SELECT), vacuum analyze ${analyzeSeconds.toFixed(1)} s`,
)
console.log(
  `each request through the HTTP app (auth, row-level security, JSON); median and slowest of ${runs}`,
)
const width = Math.max(...rows.map(([label]) => label.length))
for (const [label, { median, max }] of rows) {
  console.log(`${label.padEnd(width)}  ${median.toFixed(1).padStart(7)} ms  (max ${max.toFixed(1)} ms)`)
}
await recordResults(`board-${kind}`, {
  leads: counts.total,
  requests: Object.fromEntries(
    rows.map(([label, { median, max }]) => [label, { medianMs: median, maxMs: max }]),
  ),
})
await app.close()
await database.close()
