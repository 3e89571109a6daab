// A worker thread of the replay pool (replay-pool.ts): compiles the two versions once from their
// documents, then judges the pages of lead histories it is sent with the same backtestLeadOf the main
// thread runs, and sends the per-lead results back.
import { parentPort, workerData } from 'node:worker_threads'
import { backtestLeadOf, type ReplayWindow } from './run-backtest.ts'
import { comparedVersion } from './backtest-versions.ts'
import type { LeadHistory } from './backtest-history.ts'
import type { BacktestLead } from '#core/backtest/backtest-lead.ts'
import type { AgreementDocument } from '#core/agreement/agreement-document.ts'

export type ReplayWorkerData = {
  candidate: { version: number | null; document: AgreementDocument }
  baseline: { version: number | null; document: AgreementDocument }
  window: ReplayWindow
}
export type ReplayRequest = { id: number; histories: LeadHistory[] }
export type ReplayReply = { id: number; leads: BacktestLead[] } | { id: number; error: string }

const data = workerData as ReplayWorkerData
const candidate = comparedVersion(data.candidate.version, data.candidate.document, 'candidate')
const baseline = comparedVersion(data.baseline.version, data.baseline.document, 'against')

parentPort!.on('message', ({ id, histories }: ReplayRequest) => {
  try {
    const leads: BacktestLead[] = []
    for (const history of histories) {
      const lead = backtestLeadOf(history, candidate, baseline, data.window)
      if (lead) leads.push(lead)
    }
    parentPort!.postMessage({ id, leads } satisfies ReplayReply)
  } catch (error) {
    parentPort!.postMessage({
      id,
      error: error instanceof Error ? error.message : String(error),
    } satisfies ReplayReply)
  }
})
