import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/tables.ts'
import { TEST_DIALECTS } from '../../testing/test-database.ts'
import { startTestApp, type TestApp } from '../../testing/test-app.ts'
import { verifyProjections } from '../../services/verify-projections.ts'
import { audit } from '../../services/audit.ts'
import { reprojectLeads } from '../../services/lead-projection.ts'
import { projectionContext } from '../../services/projection-context.ts'

// A person whose every detail is unusual enough that finding it anywhere means it was not erased.
const PERSON = {
  email: 'wiebke.quandtmeyer@fraesbau-quandt.de',
  firstName: 'Wiebke',
  lastName: 'Quandtmeyer',
  title: 'Leiterin Fertigungssteuerung',
  phone: '+49 5121 998877',
  company: {
    name: 'Fräsbau Quandtmeyer KG',
    domain: 'fraesbau-quandt.de',
    industry: 'maschinenbau',
    employees: 320,
    country: 'DE',
  },
  custom: { crm_ref: 'CRM-QM-48151623' },
}
const PROPERTY_VALUES = ['utm-quandt-herbst', 'Stand B12 Halle 27 Hannover']
const NOTE = 'Rückruf bei Wiebke Quandtmeyer, Durchwahl 998877'

function touchpoint(id: string, type: string, occurredAt: string, extra: Record<string, unknown> = {}) {
  return { id, type, occurredAt, source: 'website', lead: { email: PERSON.email }, ...extra }
}

/** Every text and jsonb column of every table in the public schema that contains one of `needles`. */
async function findAnywhere(db: Kysely<Database>, needles: string[]): Promise<string[]> {
  const { rows: columns } = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns
    where table_schema = 'public' and data_type in ('text', 'character varying', 'jsonb', 'json', 'ARRAY')
    order by table_name, column_name`.execute(db)
  const found: string[] = []
  for (const { table_name: table, column_name: column } of columns) {
    for (const needle of needles) {
      const { rows } = await sql<{ count: number }>`
        select count(*)::int as count from ${sql.table(table)}
        where strpos(lower(${sql.ref(column)}::text), lower(${needle})) > 0`.execute(db)
      if (rows[0]!.count > 0) found.push(`${table}.${column} contains ${JSON.stringify(needle)}`)
    }
  }
  return found
}

async function totals(db: Kysely<Database>, workspaceId: string) {
  const count = async (query: ReturnType<typeof sql<{ key: string; count: number }>>) =>
    Object.fromEntries((await query.execute(db)).rows.map((row) => [row.key, row.count]))
  return {
    leads: await count(
      sql`select 'all' as key, count(*)::int as count from leads where workspace_id = ${workspaceId}`,
    ),
    eventsByType: await count(
      sql`select type as key, count(*)::int as count from events where workspace_id = ${workspaceId} group by type`,
    ),
    transitionsByStage: await count(
      sql`select to_stage as key, count(*)::int as count from transitions where workspace_id = ${workspaceId} group by to_stage`,
    ),
    activitiesByKind: await count(
      sql`select kind as key, count(*)::int as count from activities where workspace_id = ${workspaceId} group by kind`,
    ),
    tasks: await count(
      sql`select 'all' as key, count(*)::int as count from tasks where workspace_id = ${workspaceId}`,
    ),
  }
}

for (const dialect of TEST_DIALECTS) {
  describe(`privacy: consent, export and erasure (${dialect})`, () => {
    let app: TestApp
    let leadId: string
    const sent: string[] = []
    before(async () => {
      app = await startTestApp(dialect)
      const events = [
        touchpoint('q-1', 'content_download', '2026-10-20T09:00:00Z', {
          contentId: 'wp-feinplanung',
          lead: PERSON,
          properties: { utm_campaign: PROPERTY_VALUES[0] },
        }),
        touchpoint('q-2', 'consent_given', '2026-10-20T09:00:01Z', {
          source: 'web_form',
          properties: {
            purpose: 'email_marketing',
            channel: 'email',
            text: 'Ja, ich möchte Fachinfos per E-Mail.',
          },
        }),
        touchpoint('q-3', 'event_visit', '2026-10-28T11:00:00Z', {
          source: 'trade_fair',
          properties: { booth: PROPERTY_VALUES[1] },
        }),
        touchpoint('q-4', 'demo_request', '2026-11-01T08:00:00Z', { contentId: 'demo' }),
        // a colleague at another company, so erasure visibly leaves others alone
        {
          ...touchpoint('o-1', 'demo_request', '2026-11-01T08:00:00Z'),
          lead: { email: 'jan@stahlbau-nord.de' },
        },
      ]
      const response = await app.request('POST', '/api/v1/events', {
        key: app.workspace.keys.ingest,
        body: { events },
      })
      assert.equal(response.body.accepted, events.length, JSON.stringify(response.body.errors))
      sent.push('q-1', 'q-2', 'q-3', 'q-4')
      leadId = response.body.leads.find((lead: { email: string }) => lead.email === PERSON.email).id
    })
    after(async () => app.close())

    test('the permissions show the form consent with its wording; the lead detail carries them', async () => {
      const response = await app.request('GET', `/api/v1/leads/${leadId}/permissions`, {
        key: app.workspace.keys.read,
      })
      assert.equal(response.status, 200, JSON.stringify(response.body))
      assert.equal(response.body.emailNurture, 'allowed')
      assert.equal(response.body.channels.email.basis, 'consent')
      assert.equal(response.body.channels.email.since, '2026-10-20T09:00:01.000Z')
      assert.equal(response.body.consents[0].text, 'Ja, ich möchte Fachinfos per E-Mail.')
      assert.equal(response.body.lawfulBasis.basis, 'legitimate_interest')
      const detail = await app.request('GET', `/api/v1/leads/${leadId}`, { key: app.workspace.keys.read })
      assert.equal(detail.body.permissions.emailNurture, 'allowed')
      assert.deepEqual(detail.body.state.permissions, {
        lawfulBasis: 'legitimate_interest',
        email: true,
        phone: true,
        emailNurture: 'allowed',
      })
    })

    test('a withdrawal recorded through the API is a touchpoint and ends e-mail nurture', async () => {
      const marketing = await app.login(app.workspace.users.marketing.email)
      const response = await app.request('POST', `/api/v1/leads/${leadId}/consents`, {
        session: marketing,
        body: { purpose: 'email_marketing', channel: 'email', granted: false, source: 'phone_call' },
      })
      assert.equal(response.status, 201, JSON.stringify(response.body))
      assert.match(response.body.touchpointId, /^consent-[0-9a-f-]{36}$/)
      assert.equal(response.body.emailNurture, 'blocked_withdrawn')
      sent.push(response.body.touchpointId)
      const detail = await app.request('GET', `/api/v1/leads/${leadId}`, { key: app.workspace.keys.read })
      assert.ok(detail.body.timeline.some((entry: { id: string }) => entry.id === response.body.touchpointId))
      const future = await app.request('POST', `/api/v1/leads/${leadId}/consents`, {
        session: marketing,
        body: {
          purpose: 'phone',
          channel: 'phone',
          granted: true,
          source: 'x',
          occurredAt: '2030-01-01T00:00:00Z',
        },
      })
      assert.equal(future.status, 400)
      assert.equal(future.body.errors[0].path, 'body/occurredAt')
      const rep = await app.login(app.workspace.users.sales.email)
      const refused = await app.request('POST', `/api/v1/leads/${leadId}/consents`, {
        session: rep,
        body: { purpose: 'phone', channel: 'phone', granted: true, source: 'x' },
      })
      assert.equal(refused.status, 403)
    })

    test('another workspace can neither read the permissions, export nor erase the lead', async () => {
      const other = await app.addWorkspace('other-co')
      for (const [method, path] of [
        ['GET', 'permissions'],
        ['GET', 'export'],
        ['POST', 'erasure'],
      ] as const) {
        const response = await app.request(method, `/api/v1/leads/${leadId}/${path}`, {
          key: other.keys.admin,
        })
        assert.equal(response.status, 404, `${method} ${path}`)
      }
      const still = await app.request('GET', `/api/v1/leads/${leadId}`, { key: app.workspace.keys.read })
      assert.equal(still.body.email, PERSON.email)
    })

    test('the export holds every touchpoint with its properties, the profile, the account and the notes', async () => {
      const rep = await app.login(app.workspace.users.sales.email)
      const accepted = await app.request('POST', `/api/v1/leads/${leadId}/actions`, {
        session: rep,
        body: { action: 'accept', note: NOTE },
      })
      assert.equal(accepted.status, 200, JSON.stringify(accepted.body))
      // What sales writes about the person is theirs too: a logged call and a follow-up task quoting them.
      const call = await app.request('POST', `/api/v1/leads/${leadId}/activities`, {
        session: rep,
        body: {
          kind: 'call',
          outcome: 'reached',
          subject: `Anruf ${PERSON.lastName}`,
          body: NOTE,
          followUp: {
            title: `${PERSON.firstName} ${PERSON.lastName} zurückrufen`,
            dueAt: '2026-11-04T09:00:00Z',
          },
        },
      })
      assert.equal(call.status, 201, JSON.stringify(call.body))
      const admin = await app.login(app.workspace.users.admin.email)
      const response = await app.request('GET', `/api/v1/leads/${leadId}/export`, { session: admin })
      assert.equal(response.status, 200, JSON.stringify(response.body))
      const exported = response.body
      assert.deepEqual(exported.touchpoints.map((entry: { id: string }) => entry.id).sort(), [...sent].sort())
      const download = exported.touchpoints.find((entry: { id: string }) => entry.id === 'q-1')
      assert.deepEqual(download.properties, { utm_campaign: PROPERTY_VALUES[0] })
      assert.equal(download.leadFields.lastName, PERSON.lastName)
      assert.equal(exported.lead.email, PERSON.email)
      assert.equal(exported.lead.title, PERSON.title)
      assert.equal(exported.profile.custom.crm_ref, PERSON.custom.crm_ref)
      assert.equal(exported.account.domain, PERSON.company.domain)
      assert.equal(exported.decisions[0].note, NOTE)
      assert.deepEqual(
        exported.activities.map((entry: { kind: string; body: string }) => [entry.kind, entry.body]),
        [['call', NOTE]],
      )
      assert.deepEqual(
        exported.tasks.map((entry: { title: string }) => entry.title),
        [`${PERSON.firstName} ${PERSON.lastName} zurückrufen`],
      )
      assert.deepEqual(
        exported.transitions.map((entry: { toStage: string }) => entry.toStage),
        ['lead', 'mql', 'sal'],
      )
      assert.equal(exported.consents.length, 2)
      assert.ok(exported.auditLog.some((entry: { action: string }) => entry.action === 'lead.accept'))
      assert.equal(
        (await app.request('GET', `/api/v1/leads/${leadId}/export`, { key: app.workspace.keys.read })).status,
        403,
      )
    })

    test('erasure leaves the person nowhere in the database, and every total as it was', async () => {
      // An entry quoting the person, as a later feature might write one.
      await audit(app.db, app.workspace.id, { type: 'system', id: null }, 'test.mention', null, {
        after: { who: PERSON.email, name: `${PERSON.firstName} ${PERSON.lastName}` },
      })
      const needles = [
        PERSON.email,
        PERSON.firstName,
        PERSON.lastName,
        PERSON.title,
        PERSON.phone,
        PERSON.company.name,
        PERSON.custom.crm_ref,
        ...PROPERTY_VALUES,
        NOTE,
      ]
      assert.ok((await findAnywhere(app.db, needles)).length > 0, 'the scan finds the person before erasure')
      const before = await totals(app.db, app.workspace.id)
      app.clock.set('2026-11-03T10:00:00Z')
      const admin = await app.login(app.workspace.users.admin.email)
      const response = await app.request('POST', `/api/v1/leads/${leadId}/erasure`, { session: admin })
      assert.equal(response.status, 200, JSON.stringify(response.body))
      assert.deepEqual(response.body, {
        leadId,
        erasedAt: '2026-11-03T10:00:00.000Z',
        cause: 'request',
        alreadyErased: false,
        events: sent.length,
        decisions: 1,
        activities: 1,
        tasks: 1,
      })

      assert.deepEqual(await findAnywhere(app.db, needles), [])
      const after = await totals(app.db, app.workspace.id)
      assert.deepEqual(after.leads, before.leads)
      assert.deepEqual(after.eventsByType, before.eventsByType)
      // The erasure itself is the one new transition: the lead ends disqualified.
      const disqualified = (before.transitionsByStage.disqualified ?? 0) + 1
      assert.deepEqual(after.transitionsByStage, { ...before.transitionsByStage, disqualified })

      const detail = await app.request('GET', `/api/v1/leads/${leadId}`, { key: app.workspace.keys.read })
      assert.equal(detail.body.stage, 'disqualified')
      assert.equal(detail.body.email, `erased-${leadId}@erased.invalid`)
      assert.deepEqual(
        detail.body.history.map((entry: { to: string }) => entry.to),
        ['lead', 'mql', 'sal', 'disqualified'],
      )
      assert.equal(detail.body.history.at(-1).reason, 'erasure')
      assert.ok(
        detail.body.history.every((entry: { because: string[] }) => entry.because.join() === 'erased'),
      )
      assert.equal(detail.body.permissions, null)
      const erasures = await app.request('GET', '/api/v1/audit-log?action=lead.erase', { session: admin })
      assert.equal(erasures.body.items[0].target, leadId)
    })

    test('takt verify finds nothing to correct after an erasure, now and later', async () => {
      assert.deepEqual((await verifyProjections(app.db)).differences, [])
      // Every lead projected again months later (as an agreement change does): the erased one stays as it was.
      const leads = await app.db
        .selectFrom('leads')
        .select(['id', 'email', 'account_id as accountId'])
        .where('workspace_id', '=', app.workspace.id)
        .execute()
      assert.ok(leads.length >= 2)
      await reprojectLeads(
        app.db,
        app.workspace.id,
        leads,
        await projectionContext(app.db, app.workspace.id),
        new Date('2027-03-01T00:00:00Z'),
      )
      assert.deepEqual((await verifyProjections(app.db)).differences, [])
      const [row] = await app.db.selectFrom('leads').selectAll().where('id', '=', leadId).execute()
      assert.equal(row!.stage, 'disqualified')
      assert.equal(row!.scored_at.toISOString(), '2027-03-01T00:00:00.000Z')
    })

    test('an erased lead has no permissions or export any more; erasing again changes nothing', async () => {
      const admin = await app.login(app.workspace.users.admin.email)
      const permissions = await app.request('GET', `/api/v1/leads/${leadId}/permissions`, { session: admin })
      assert.equal(permissions.status, 410)
      assert.equal(permissions.body.code, 'LEAD_ERASED')
      assert.equal(
        (await app.request('GET', `/api/v1/leads/${leadId}/export`, { session: admin })).status,
        410,
      )
      const consent = await app.request('POST', `/api/v1/leads/${leadId}/consents`, {
        session: admin,
        body: { purpose: 'phone', channel: 'phone', granted: true, source: 'x' },
      })
      assert.equal(consent.status, 410)
      const again = await app.request('POST', `/api/v1/leads/${leadId}/erasure`, { session: admin })
      assert.equal(again.status, 200)
      assert.equal(again.body.alreadyErased, true)
      assert.equal(again.body.erasedAt, '2026-11-03T10:00:00.000Z')
    })
  })

  describe(`privacy: UWG §7 and cold outreach (${dialect})`, () => {
    let app: TestApp
    before(async () => {
      app = await startTestApp(dialect)
    })
    after(async () => app.close())

    test('a cold-outreach lead recycled to nurture gets no nurture mail until it consents to marketing e-mail', async () => {
      const rep = app.workspace.users.sales
      const imported = await app.request('POST', '/api/v1/events', {
        key: app.workspace.keys.ingest,
        body: {
          events: [
            {
              id: 'sdr-1',
              type: 'sdr_contact',
              occurredAt: '2026-10-26T10:00:00Z',
              source: 'sdr_list',
              lead: { email: 'kai.brandt@walzwerk-ost.de', firstName: 'Kai', lastName: 'Brandt' },
              properties: { owner: rep.email },
            },
          ],
        },
      })
      const leadId = imported.body.leads[0].id
      assert.equal(imported.body.leads[0].stage, 'sal')
      const session = await app.login(rep.email)
      const recycled = await app.request('POST', `/api/v1/leads/${leadId}/actions`, {
        session,
        body: { action: 'recycle', reason: 'no_budget' },
      })
      assert.equal(recycled.body.stage, 'recycled', JSON.stringify(recycled.body))
      const manager = await app.login(app.workspace.users.manager.email)
      const detail = await app.request('GET', `/api/v1/leads/${leadId}`, { session: manager })
      assert.equal(detail.body.state.nurtureTrack, 'roi')
      assert.equal(detail.body.permissions.emailNurture, 'blocked_no_consent')
      assert.equal(detail.body.state.permissions.emailNurture, 'blocked_no_consent')
      const before = await app.request('GET', `/api/v1/leads/${leadId}/permissions`, {
        key: app.workspace.keys.read,
      })
      assert.equal(before.body.emailNurture, 'blocked_no_consent')
      assert.equal(before.body.channels.email.requires, 'consent')
      assert.equal(before.body.channels.phone.allowed, true)

      const consent = await app.request('POST', `/api/v1/leads/${leadId}/consents`, {
        key: app.workspace.keys.ingest,
        body: {
          purpose: 'email_marketing',
          channel: 'email',
          granted: true,
          source: 'webinar_form',
          text: 'Ich möchte Informationen per E-Mail erhalten.',
        },
      })
      assert.equal(consent.status, 201, JSON.stringify(consent.body))
      const after = await app.request('GET', `/api/v1/leads/${leadId}/permissions`, {
        key: app.workspace.keys.read,
      })
      assert.equal(after.body.emailNurture, 'allowed')
      assert.equal(after.body.channels.email.source, 'webinar_form')
      assert.equal(after.body.consents.at(-1).text, 'Ich möchte Informationen per E-Mail erhalten.')
    })
  })
}
