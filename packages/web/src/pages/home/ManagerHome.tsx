// The sales manager's home: SLA compliance per rep, the team queue, the period's acceptances against
// rejections with the reasons, and the open pipeline's value per deal stage.
import { useTranslation } from 'react-i18next'
import { useQuery } from '@tanstack/react-query'
import { api, unwrap } from '../../api/client.ts'
import { TeamQueue } from '../inbox/TeamQueue.tsx'
import { acceptanceOf, slaRows } from './home-figures.ts'
import { HomeCard, Loaded } from './HomeParts.tsx'
import { SlaByRep } from './SlaByRep.tsx'
import { ReasonsPareto } from './ReasonsPareto.tsx'
import { PipelineValue } from './PipelineValue.tsx'
import { useRepNames, useReport } from './use-home-data.ts'
import { useHomeWords } from './use-home-words.ts'

export function ManagerHome() {
  const { t } = useTranslation('home')
  const words = useHomeWords()
  const sla = useReport('sla')
  const names = useRepNames()
  const flow = useReport('funnel', { view: 'flow' })
  const reasons = useReport('reasons')
  // The deal board's own query (the board shares its cache when opened unfiltered).
  const deals = useQuery({
    queryKey: ['deal-board', {}],
    queryFn: () => unwrap(api.GET('/api/v1/pipeline/deals', { params: { query: {} } })),
  })
  const period = (report: { period: { from: string; to: string } } | undefined) =>
    report && { from: words.day(report.period.from), to: words.day(report.period.to) }
  // Both reports answer before the figures show, so the acceptance never reads half a period.
  const decisions = {
    isPending: flow.isPending || reasons.isPending,
    isError: flow.isError || reasons.isError,
    error: flow.error ?? reasons.error,
    data: flow.data && reasons.data ? { flow: flow.data, reasons: reasons.data } : undefined,
  }
  return (
    <div className="home-grid">
      <HomeCard id="sla" title={t('sla.title')} period={period(sla.data)}>
        <Loaded query={sla}>
          {(report) => (
            <SlaByRep report={report} rows={slaRows(report, names.data ?? new Map())} words={words} />
          )}
        </Loaded>
      </HomeCard>
      {/* The inbox's team queue as it is, with its own heading. */}
      <div className="card home-card" data-testid="home-queue">
        <TeamQueue />
      </div>
      <HomeCard id="reasons" title={t('reasons.title')} period={period(reasons.data)}>
        <Loaded query={decisions}>
          {({ flow, reasons }) => (
            <ReasonsPareto
              acceptance={acceptanceOf(flow, reasons)}
              flow={flow}
              reasons={reasons}
              words={words}
            />
          )}
        </Loaded>
      </HomeCard>
      <HomeCard id="pipeline" title={t('pipeline.title')}>
        <Loaded query={deals}>{(board) => <PipelineValue board={board} words={words} />}</Loaded>
      </HomeCard>
    </div>
  )
}
