// Leads per stage as one strip of toggle buttons: the funnel from lead to customer, then the two ways
// out. Pressing stages narrows the list to them; "all stages" clears the choice. Counts ignore the
// stage choice, so every stage keeps showing what it holds under the other filters.
import { useTranslation } from 'react-i18next'
import { useFormat } from '../../hooks/format.ts'
import { STAGES, type Stage } from './use-board-filters.ts'
import type { Pipeline } from './use-pipeline.ts'

export function StageStrip({
  pipeline,
  selected,
  onChange,
}: {
  pipeline: Pipeline | undefined
  selected: Stage[]
  onChange: (stages: Stage[]) => void
}) {
  const { t } = useTranslation('board')
  const format = useFormat()
  const countOf = (stage: Stage) => pipeline?.stages.find((entry) => entry.stage === stage)?.count
  const total = pipeline?.total
  const shown = (count: number | undefined) =>
    count === undefined ? t('strip.unknown') : format.number(count)
  const toggle = (stage: Stage) =>
    onChange(
      selected.includes(stage)
        ? selected.filter((entry) => entry !== stage)
        : STAGES.filter((entry) => entry === stage || selected.includes(entry)),
    )

  return (
    <div className="board-strip" role="group" aria-label={t('strip.label')}>
      <button
        type="button"
        className="board-stage"
        data-stage="all"
        aria-pressed={selected.length === 0}
        onClick={() => onChange([])}
      >
        <span className="board-stage-label">{t('strip.all')}</span>
        <span className="board-stage-count">{shown(total)}</span>
      </button>
      {STAGES.map((stage) => {
        const count = countOf(stage)
        const share = total && count !== undefined ? count / total : 0
        return (
          <button
            key={stage}
            type="button"
            className="board-stage"
            aria-pressed={selected.includes(stage)}
            aria-label={t('strip.stage', { stage: t(`common:stage.${stage}`), count: shown(count) })}
            title={t(`common:stage.${stage}`)}
            onClick={() => toggle(stage)}
            data-stage={stage}
          >
            <span className="board-stage-label">{t(`stageShort.${stage}`)}</span>
            <span className="board-stage-count">{shown(count)}</span>
            <span className="board-stage-share" aria-hidden="true">
              <span style={{ width: `${Math.round(share * 100)}%` }} />
            </span>
          </button>
        )
      })}
    </div>
  )
}
