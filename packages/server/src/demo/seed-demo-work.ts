// What the demo's reps have done with their leads: calls, e-mails and meetings logged on the leads they
// work, and follow-up tasks (some due today, some overdue), so My work and the lead timelines look like
// a sales team's on first sign-in. Some leads are left untouched for weeks and show as gone quiet.
import type { Kysely } from 'kysely'
import type { ActivityKind, Database } from '../db/tables.ts'
import { activityRepository } from '../db/activity.repository.ts'
import { taskRepository } from '../db/task.repository.ts'

const HOUR = 3_600_000
const DAY = 24 * HOUR

type Logged = { kind: ActivityKind; outcome?: string; subject?: string; body: string }

const FIRST_CONTACT: readonly Logged[] = [
  {
    kind: 'call',
    outcome: 'reached',
    body: 'Erstgespräch: Planung läuft heute über Excel, Engpass an den Fräszentren. Interesse an einer Demo.',
  },
  { kind: 'call', outcome: 'no_answer', body: 'Nicht erreicht, Rückruf versucht.' },
  {
    kind: 'email',
    subject: 'Ihre Anfrage zur Feinplanung',
    body: 'Unterlagen zur Feinplanung und zwei Terminvorschläge für eine Demo geschickt.',
  },
  {
    kind: 'meeting',
    subject: 'Demo Feinplanung (Teams)',
    body: 'Demo mit Produktionsleitung und IT. Offene Punkte: ERP-Schnittstelle, Schichtmodelle.',
  },
]
const FOLLOW_UPS = [
  'Angebot schicken',
  'Nachfassen nach der Demo',
  'Termin mit IT vereinbaren',
  'Referenzkunden nennen',
]

export async function seedDemoWork(db: Kysely<Database>, workspaceId: string, now: Date) {
  const leads = await db
    .selectFrom('leads')
    .select(['id', 'owner_id', 'stage', 'stage_entered_at'])
    .where('workspace_id', '=', workspaceId)
    .where('stage', 'in', ['sal', 'sql', 'opportunity'])
    .where('owner_id', 'is not', null)
    .orderBy('stage_entered_at', 'desc')
    .orderBy('id')
    .execute()
  for (const [index, lead] of leads.entries()) {
    // Every fourth lead is left as it was handed over: the stale ones My work flags.
    if (index % 4 === 3) continue
    const entered = lead.stage_entered_at.getTime()
    // Shifted every four leads, so the skipped fourth does not always skip the same kind.
    const logged = FIRST_CONTACT[(index + Math.floor(index / 4)) % FIRST_CONTACT.length]!
    // Half were worked in the last days; the others once, hours after the hand-over, however long ago.
    const recent = index % 4 < 2
    const occurredAt = new Date(
      recent
        ? Math.max(entered, now.getTime() - (1 + (index % 3)) * DAY)
        : Math.min(now.getTime() - HOUR, entered + (2 + (index % 5)) * HOUR),
    )
    await activityRepository.insert(db, workspaceId, {
      leadId: lead.id,
      kind: logged.kind,
      outcome: logged.outcome ?? null,
      subject: logged.subject ?? null,
      body: logged.body,
      durationMinutes: logged.kind === 'call' ? 4 + (index % 12) : logged.kind === 'meeting' ? 45 : null,
      occurredAt,
      authorId: lead.owner_id,
      createdAt: occurredAt,
    })
    // Due from yesterday to next week: a few overdue, a few today, most ahead.
    // …at a round hour of the working day (08:00, 10:00 or 12:00 UTC), as people plan them.
    const today = Math.floor(now.getTime() / DAY) * DAY
    const dueAt = new Date(today + ((index % 7) - 1) * DAY + (8 + (index % 3) * 2) * HOUR)
    await taskRepository.insert(db, workspaceId, {
      leadId: lead.id,
      title: FOLLOW_UPS[index % FOLLOW_UPS.length]!,
      dueAt,
      ownerId: lead.owner_id!,
      createdBy: lead.owner_id,
      createdAt: occurredAt,
    })
  }
}
