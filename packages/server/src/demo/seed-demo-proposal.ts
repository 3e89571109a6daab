// The demo's agreement under negotiation: marketing has proposed a lower MQL engagement threshold (webinar
// attendees stuck at 40–49 points wait too long for sales) and approved it for marketing; sales has not
// answered yet. A new user sees the governance flow on the agreement page, can backtest the proposal and,
// signed in as the sales manager, approve it.
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { userRepository } from '../db/user.repository.ts'
import { agreementRepository } from '../db/agreement.repository.ts'
import {
  approveVersion,
  createDraft,
  proposeVersion,
  type GovernanceCaller,
} from '../services/agreement-governance.ts'

const PROPOSER = 'lena.hoffmann@demo.takt.dev'
const CURRENT = '- { score: engagement, gte: 50 }'
const PROPOSED = '- { score: engagement, gte: 40 } # was 50: webinar attendees waited too long'
const HOUR = 3_600_000

export async function seedDemoProposal(db: Kysely<Database>, workspaceId: string, now: Date): Promise<void> {
  const active = await agreementRepository.findActive(db, workspaceId)
  const proposer = (await userRepository.list(db, workspaceId)).find((user) => user.email === PROPOSER)
  if (!active || !proposer || !active.source.includes(CURRENT)) return
  const caller: GovernanceCaller = {
    actor: { type: 'user', id: proposer.id },
    userId: proposer.id,
    role: proposer.role,
    isAdmin: false,
  }
  const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * HOUR)
  const draft = await createDraft(
    db,
    workspaceId,
    caller,
    { text: active.source.replace(CURRENT, PROPOSED), format: 'yaml' },
    at(50),
  )
  const version = draft.stored.version
  await proposeVersion(
    db,
    workspaceId,
    caller,
    version,
    'Webinar-Teilnehmer mit 40–49 Engagement-Punkten warten zu lange auf den Vertrieb. Vorschlag: MQL-Schwelle ' +
      'Engagement 50 → 40. Bitte vor der Freigabe den Backtest ansehen.',
    at(49),
  )
  await approveVersion(db, workspaceId, caller, version, { comment: 'Für Marketing freigegeben.' }, at(48))
}
