// Agreement governance with real repositories and a fixed clock: drafts, proposals, one approval per
// side from two different people, explicit atomic activation, and the single-party escape hatch.
import { it } from 'node:test'
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { randomBytes } from 'node:crypto'
import { forEachDatabase, type DatabaseSuite } from '../testing/test-database.ts'
import { seedTestWorkspace, type TestWorkspace } from '../testing/test-app.ts'
import { handRaiser } from '../testing/hand-raiser.ts'
import { DEMO_AGREEMENT_PATH } from '../demo/seed-demo-workspace.ts'
import type { Role } from '../db/user.repository.ts'
import type { DomainErrorCode } from '#core/errors.ts'
import { ingestBatch } from './ingest-batch.ts'
import {
  activateVersion,
  approveVersion,
  createDraft,
  proposeVersion,
  requestChanges,
  setSinglePartyActivation,
  updateDraft,
  withdrawVersion,
  type GovernanceCaller,
} from './agreement-governance.ts'
import { agreementReviewRepository } from '../db/agreement-review.repository.ts'

const NOW = new Date('2026-11-02T09:00:00Z')
const LATER = new Date('2026-11-02T10:00:00Z')

type Person = keyof TestWorkspace['users']
const ROLES: Record<Person, Role> = {
  admin: 'admin',
  marketing: 'marketing',
  sales: 'sales',
  sales2: 'sales',
  manager: 'sales_manager',
}

function refusedWith(code: DomainErrorCode, details: Record<string, unknown> = {}) {
  return (error: { code?: string; details?: Record<string, unknown> }) => {
    assert.equal(error.code, code)
    for (const [key, value] of Object.entries(details)) assert.deepEqual(error.details?.[key], value)
    return true
  }
}

forEachDatabase('agreement governance', (suite: DatabaseSuite) => {
  // The demo agreement, with `sales` leading the northern team (a rep lead) and `sales2` a plain rep.
  const setUp = async () => {
    const slug = `gov-${randomBytes(4).toString('hex')}`
    const demo = await readFile(DEMO_AGREEMENT_PATH, 'utf8')
    const source = demo.replace('lead: martina.wolf@demo.takt.dev', `lead: sales@${slug}.test`)
    const workspace = await seedTestWorkspace(suite.db, slug, {
      agreement: { text: source, format: 'yaml' },
      at: new Date('2026-01-01T00:00:00Z'),
    })
    const as = (person: Person): GovernanceCaller => ({
      actor: { type: 'user', id: workspace.users[person].id },
      userId: workspace.users[person].id,
      role: ROLES[person],
      isAdmin: person === 'admin',
    })
    const lowered = source.replace('{ score: engagement, gte: 50 }', '{ score: engagement, gte: 40 }')
    const draft = async (text = lowered) =>
      (await createDraft(suite.db, workspace.id, as('marketing'), { text, format: 'yaml' }, NOW)).stored
        .version
    const proposed = async () => {
      const version = await draft()
      await proposeVersion(suite.db, workspace.id, as('marketing'), version, null, NOW)
      return version
    }
    const approved = async () => {
      const version = await proposed()
      await approveVersion(suite.db, workspace.id, as('marketing'), version, { comment: null }, NOW)
      await approveVersion(suite.db, workspace.id, as('manager'), version, { comment: 'ok' }, NOW)
      return version
    }
    const statuses = async () =>
      (
        await suite.db
          .selectFrom('agreement_versions')
          .select(['version', 'status'])
          .where('workspace_id', '=', workspace.id)
          .orderBy('version')
          .execute()
      ).map((row) => `${row.version} ${row.status}`)
    return { workspace, as, source, draft, proposed, approved, statuses }
  }

  it('activates a version both sides approved, retires the one before and re-scores every lead', async () => {
    const { workspace, as, approved, statuses } = await setUp()
    await ingestBatch(
      suite.db,
      workspace.id,
      { type: 'api_key', id: null },
      [handRaiser('g-1', 'anna@alpha-werk.de', { occurredAt: '2026-11-02T08:50:00Z' })],
      NOW,
    )
    const version = await approved()
    assert.deepEqual(await statuses(), ['1 active', '2 approved'])
    const result = await activateVersion(suite.db, workspace.id, as('marketing'), version, 'go', LATER)
    assert.equal(result.stored.status, 'active')
    assert.deepEqual(result.missing, [])
    assert.deepEqual(await statuses(), ['1 retired', '2 active'])
    const lead = await suite.db
      .selectFrom('leads')
      .select(['agreement_version', 'scored_at'])
      .where('workspace_id', '=', workspace.id)
      .executeTakeFirstOrThrow()
    assert.equal(lead.agreement_version, 2)
    assert.deepEqual(
      (await agreementReviewRepository.list(suite.db, workspace.id, version)).map((review) => [
        review.action,
        review.side,
        review.actorId,
      ]),
      [
        ['drafted', null, workspace.users.marketing.id],
        ['proposed', null, workspace.users.marketing.id],
        ['approved', 'marketing', workspace.users.marketing.id],
        ['approved', 'sales', workspace.users.manager.id],
        ['activated', null, workspace.users.marketing.id],
      ],
    )
    const retired = await agreementReviewRepository.list(suite.db, workspace.id, 1)
    assert.deepEqual(
      retired.map((review) => [review.action, review.comment]),
      [['retired', 'replaced by version 2']],
    )
    const audited = await suite.db
      .selectFrom('audit_log')
      .select(['action', 'target', 'after'])
      .where('workspace_id', '=', workspace.id)
      .where('action', 'like', 'agreement.%')
      .orderBy('id')
      .execute()
    assert.deepEqual(
      audited.map((entry) => entry.action),
      [
        'agreement.drafted',
        'agreement.proposed',
        'agreement.approved',
        'agreement.approved',
        'agreement.activated',
      ],
    )
    assert.deepEqual((audited.at(-1)!.after as { approvals: unknown }).approvals, {
      marketing: workspace.users.marketing.id,
      sales: workspace.users.manager.id,
    })
  })

  it('refuses activation without both approvals, naming the missing side', async () => {
    const { workspace, as, proposed, draft, statuses } = await setUp()
    const version = await proposed()
    await approveVersion(suite.db, workspace.id, as('marketing'), version, { comment: null }, NOW)
    await assert.rejects(
      activateVersion(suite.db, workspace.id, as('marketing'), version, null, LATER),
      refusedWith('APPROVAL_MISSING', { missing: ['sales'] }),
    )
    await assert.rejects(
      activateVersion(suite.db, workspace.id, as('admin'), version, null, LATER),
      /needs an approval from sales/,
    )
    const unproposed = await draft()
    await assert.rejects(
      activateVersion(suite.db, workspace.id, as('admin'), unproposed, null, LATER),
      refusedWith('APPROVAL_MISSING', { missing: ['marketing', 'sales'] }),
    )
    assert.deepEqual(await statuses(), ['1 active', '2 proposed', '3 draft'])
  })

  it('takes one approval per side from two different people', async () => {
    const { workspace, as, proposed } = await setUp()
    const version = await proposed()
    // An admin may speak for either side, but only for one of them.
    await assert.rejects(
      approveVersion(suite.db, workspace.id, as('admin'), version, { comment: null }, NOW),
      refusedWith('APPROVAL_SIDE_REQUIRED', { field: 'side' }),
    )
    const first = await approveVersion(
      suite.db,
      workspace.id,
      as('admin'),
      version,
      { comment: null, side: 'marketing' },
      NOW,
    )
    assert.deepEqual(first.missing, ['sales'])
    await assert.rejects(
      approveVersion(suite.db, workspace.id, as('admin'), version, { comment: null, side: 'sales' }, NOW),
      refusedWith('ALREADY_APPROVED', { side: 'marketing' }),
    )
    await assert.rejects(
      approveVersion(suite.db, workspace.id, as('marketing'), version, { comment: null }, NOW),
      refusedWith('ALREADY_APPROVED', { side: 'marketing' }),
    )
    assert.equal(first.stored.status, 'proposed')
  })

  it('takes sales’ approval from a sales manager or a rep who leads a team, not from any rep', async () => {
    const { workspace, as, proposed } = await setUp()
    const version = await proposed()
    await assert.rejects(
      approveVersion(suite.db, workspace.id, as('sales2'), version, { comment: null }, NOW),
      refusedWith('APPROVAL_NOT_ALLOWED'),
    )
    await assert.rejects(
      approveVersion(suite.db, workspace.id, as('marketing'), version, { comment: null, side: 'sales' }, NOW),
      refusedWith('APPROVAL_NOT_ALLOWED'),
    )
    const byLead = await approveVersion(suite.db, workspace.id, as('sales'), version, { comment: null }, NOW)
    assert.equal(byLead.approvals.sales?.actorId, workspace.users.sales.id)
  })

  it('keeps a proposal frozen: editing it is refused and leaves its text as it was', async () => {
    const { workspace, as, proposed, source } = await setUp()
    const version = await proposed()
    await assert.rejects(
      updateDraft(suite.db, workspace.id, as('marketing'), version, { text: source, format: 'yaml' }, NOW),
      refusedWith('AGREEMENT_FROZEN', { versionStatus: 'proposed' }),
    )
    const stored = await suite.db
      .selectFrom('agreement_versions')
      .select('source')
      .where('workspace_id', '=', workspace.id)
      .where('version', '=', version)
      .executeTakeFirstOrThrow()
    assert.match(stored.source, /engagement, gte: 40/)
  })

  it('leaves exactly one active version when two activations run at once', async () => {
    const { workspace, as, approved, statuses } = await setUp()
    const [second, third] = [await approved(), await approved()]
    const outcomes = await Promise.allSettled([
      activateVersion(suite.db, workspace.id, as('marketing'), second, null, LATER),
      activateVersion(suite.db, workspace.id, as('admin'), third, null, LATER),
    ])
    assert.deepEqual(
      outcomes.map((outcome) => outcome.status),
      ['fulfilled', 'fulfilled'],
    )
    const after = await statuses()
    assert.equal(after.filter((entry) => entry.endsWith(' active')).length, 1)
    assert.deepEqual(after.filter((entry) => entry.endsWith(' retired')).length, 2)

    // The same version twice at once: one activation wins, the other finds it active already.
    const fourth = await approved()
    const twice = await Promise.allSettled([
      activateVersion(suite.db, workspace.id, as('marketing'), fourth, null, LATER),
      activateVersion(suite.db, workspace.id, as('admin'), fourth, null, LATER),
    ])
    assert.deepEqual(twice.map((outcome) => outcome.status).sort(), ['fulfilled', 'rejected'])
    const refused = twice.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult
    assert.equal(refused.reason.code, 'AGREEMENT_STEP_NOT_ALLOWED')
    assert.deepEqual((await statuses()).at(-1), `${fourth} active`)
    assert.equal((await statuses()).filter((entry) => entry.endsWith(' active')).length, 1)
  })

  it('sends a proposal back to draft with the comment recorded, and its approvals lapse', async () => {
    const { workspace, as, proposed } = await setUp()
    const version = await proposed()
    await approveVersion(suite.db, workspace.id, as('marketing'), version, { comment: null }, NOW)
    await assert.rejects(
      requestChanges(suite.db, workspace.id, as('manager'), version, '   ', NOW),
      refusedWith('COMMENT_REQUIRED', { field: 'comment' }),
    )
    const back = await requestChanges(
      suite.db,
      workspace.id,
      as('manager'),
      version,
      'Capacity: keep 50',
      NOW,
    )
    assert.equal(back.stored.status, 'draft')
    assert.deepEqual(back.missing, ['marketing', 'sales'])
    const last = (await agreementReviewRepository.list(suite.db, workspace.id, version)).at(-1)!
    assert.deepEqual(
      [last.action, last.side, last.comment, last.actorId],
      ['changes_requested', 'sales', 'Capacity: keep 50', workspace.users.manager.id],
    )
    // Editable again, and proposed anew it needs both sides once more.
    await updateDraft(
      suite.db,
      workspace.id,
      as('marketing'),
      version,
      { text: back.stored.source, format: 'yaml' },
      NOW,
    )
    const again = await proposeVersion(suite.db, workspace.id, as('marketing'), version, null, NOW)
    assert.deepEqual(again.missing, ['marketing', 'sales'])
  })

  it('activates without the other side only where the workspace allows it, and audits it as such', async () => {
    const { workspace, as, draft, statuses } = await setUp()
    const version = await draft()
    await assert.rejects(
      activateVersion(suite.db, workspace.id, as('marketing'), version, null, LATER),
      refusedWith('APPROVAL_MISSING'),
    )
    await setSinglePartyActivation(suite.db, workspace.id, as('admin').actor, true)
    const active = await activateVersion(suite.db, workspace.id, as('marketing'), version, 'urgent', LATER)
    assert.equal(active.stored.status, 'active')
    assert.deepEqual(await statuses(), ['1 retired', '2 active'])
    const entry = await suite.db
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('workspace_id', '=', workspace.id)
      .where('action', 'like', 'agreement.activated%')
      .executeTakeFirstOrThrow()
    assert.equal(entry.action, 'agreement.activated.single_party')
    assert.equal((entry.after as { singleParty: boolean }).singleParty, true)
  })

  it('saves an invalid draft with its located errors but refuses to propose it until fixed', async () => {
    const { workspace, as, source } = await setUp()
    const broken = source.replace('halfLifeDays: 30 #', 'halfLifeDays: -3 #')
    const saved = await createDraft(
      suite.db,
      workspace.id,
      as('marketing'),
      { text: broken, format: 'yaml' },
      NOW,
    )
    assert.equal(saved.stored.status, 'draft')
    assert.ok(saved.errors.length > 0)
    assert.ok(saved.errors.every((issue) => typeof issue.line === 'number'))
    await assert.rejects(
      proposeVersion(suite.db, workspace.id, as('marketing'), saved.stored.version, null, NOW),
      (error: { code?: string; details?: { errors?: Array<{ path: string }> } }) => {
        assert.equal(error.code, 'AGREEMENT_INVALID')
        assert.ok(error.details?.errors?.some((issue) => issue.path.includes('halfLifeDays')))
        return true
      },
    )
    const fixed = await updateDraft(
      suite.db,
      workspace.id,
      as('marketing'),
      saved.stored.version,
      { text: source, format: 'yaml' },
      NOW,
    )
    assert.deepEqual(fixed.errors, [])
    const proposed = await proposeVersion(
      suite.db,
      workspace.id,
      as('marketing'),
      saved.stored.version,
      null,
      NOW,
    )
    assert.equal(proposed.stored.status, 'proposed')
  })

  it('lets only its author or an admin withdraw a version, and a copy starts a new draft', async () => {
    const { workspace, as, proposed } = await setUp()
    const version = await proposed()
    await assert.rejects(
      withdrawVersion(suite.db, workspace.id, as('manager'), version, null, NOW),
      refusedWith('WITHDRAW_NOT_ALLOWED'),
    )
    const withdrawn = await withdrawVersion(suite.db, workspace.id, as('admin'), version, 'superseded', NOW)
    assert.equal(withdrawn.stored.status, 'withdrawn')
    await assert.rejects(
      proposeVersion(suite.db, workspace.id, as('marketing'), version, null, NOW),
      refusedWith('AGREEMENT_STEP_NOT_ALLOWED', { versionStatus: 'withdrawn' }),
    )
    const copy = await createDraft(suite.db, workspace.id, as('marketing'), { copyOf: version }, NOW)
    assert.equal(copy.stored.source, withdrawn.stored.source)
    assert.equal(copy.stored.status, 'draft')
    await assert.rejects(
      createDraft(suite.db, workspace.id, as('marketing'), { copyOf: 999 }, NOW),
      refusedWith('AGREEMENT_NOT_FOUND'),
    )
  })
})
