import { test } from 'node:test'
import assert from 'node:assert/strict'
import { forEachDatabase } from '../testing/test-database.ts'
import { seedDemoWorkspace } from './seed-demo-workspace.ts'
import { notificationRepository } from '../db/notification.repository.ts'

const NOW = new Date('2026-11-20T10:00:00Z')

forEachDatabase('demo notifications', (suite) => {
  test('every demo user finds unread notifications about real leads of the demo', async () => {
    await seedDemoWorkspace(suite.db, { slug: 'demo-bell', leads: 150, seed: 11, now: NOW })
    const workspace = await suite.db
      .selectFrom('workspaces')
      .select('id')
      .where('slug', '=', 'demo-bell')
      .executeTakeFirstOrThrow()
    const users = await suite.db
      .selectFrom('users')
      .select(['id', 'email', 'role'])
      .where('workspace_id', '=', workspace.id)
      .execute()
    const leadIds = new Set(
      (
        await suite.db.selectFrom('leads').select('id').where('workspace_id', '=', workspace.id).execute()
      ).map((lead) => lead.id),
    )
    for (const user of users) {
      const { items, unread } = await notificationRepository.listFor(suite.db, workspace.id, user.id, {
        unreadOnly: false,
        limit: 50,
      })
      assert.ok(items.length >= 2, `${user.email} (${user.role}) has ${items.length} notifications`)
      assert.ok(unread >= 1 && unread <= items.length, `${user.email}: ${unread} unread`)
      for (const item of items)
        assert.ok(item.leadId && leadIds.has(item.leadId), `${item.kind} without its lead`)
    }
    const kinds = new Set(
      (
        await suite.db
          .selectFrom('notifications')
          .select('kind')
          .where('workspace_id', '=', workspace.id)
          .execute()
      ).map((row) => row.kind),
    )
    assert.ok(kinds.has('hand_raiser') && kinds.has('sla_breached'), [...kinds].join(', '))
  })
})
