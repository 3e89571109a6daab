// Precision, recall and lift per outcome stage for both versions beside the base rate, and the median
// shift against the real hand-off. A figure the report leaves null says "nicht berechenbar" and why;
// a stage no lead reached says it once for the whole row.
import { useTranslation } from 'react-i18next'
import {
  baseRateUnavailable,
  medianUnavailable,
  stageFigureUnavailable,
  type StageFigure,
  type UnavailableReason,
} from './backtest-figures.ts'
import type { BacktestWords } from './use-backtest-words.ts'
import { OUTCOME_STAGES, VERSION_ROLES, type BacktestReport, type OutcomeStage } from './backtest-types.ts'

const FIGURES: readonly StageFigure[] = ['precision', 'recall', 'lift']

export function FigureTable({ report, words }: { report: BacktestReport; words: BacktestWords }) {
  const { t } = useTranslation('backtest')
  return (
    <>
      <div className="table-scroll">
        <table className="table backtest-figures" data-testid="backtest-figures">
          <caption className="visually-hidden">{t('figures.title')}</caption>
          <thead>
            <tr>
              <th scope="col" rowSpan={2}>
                {t('figures.stage')}
              </th>
              <th scope="col" rowSpan={2} className="number">
                {t('figures.reached')}
              </th>
              <th scope="col" rowSpan={2} className="number">
                {t('figures.baseRate')}
              </th>
              {FIGURES.map((figure) => (
                <th scope="colgroup" colSpan={2} key={figure} className="figure-group">
                  {t(`figures.${figure}`)}
                </th>
              ))}
            </tr>
            <tr>
              {FIGURES.flatMap((figure) =>
                VERSION_ROLES.map((role) => (
                  <th scope="col" key={`${figure}-${role}`} className="number">
                    {words.versionName(role)}
                  </th>
                )),
              )}
            </tr>
          </thead>
          <tbody>
            {OUTCOME_STAGES.map((stage) => (
              <StageRow key={stage} report={report} stage={stage} words={words} />
            ))}
          </tbody>
        </table>
      </div>
      <ul className="backtest-explain muted">
        <li>{t('figures.explainPrecision')}</li>
        <li>{t('figures.explainRecall')}</li>
        <li>{t('figures.explainLift')}</li>
      </ul>
    </>
  )
}

const FIGURE_COLUMNS = FIGURES.length * VERSION_ROLES.length

// Without leads nothing is computable, and a stage no lead reached leaves no figure of either version:
// each is said once for the row; otherwise each cell stands alone (a version without MQLs has no precision).
function StageRow({
  report,
  stage,
  words,
}: {
  report: BacktestReport
  stage: OutcomeStage
  words: BacktestWords
}) {
  const { t } = useTranslation('backtest')
  const noLeads = baseRateUnavailable(report, stage)
  const notReached = report.actual.reached[stage] === 0
  const value = (figure: StageFigure, index: number) => {
    const number = report.versions[index]![figure][stage]
    return figure === 'lift' ? words.lift(number) : words.share(number)
  }
  return (
    <tr data-stage={stage}>
      <th scope="row">{t(`common:stage.${stage}`)}</th>
      <td className="number">{words.count(report.actual.reached[stage])}</td>
      {noLeads ? (
        <td colSpan={1 + FIGURE_COLUMNS}>
          <NotComputable reason={noLeads} words={words} />
        </td>
      ) : (
        <>
          <td className="number">{words.share(report.actual.baseRate[stage])}</td>
          {notReached ? (
            <td colSpan={FIGURE_COLUMNS}>
              <NotComputable reason="stage_not_reached" words={words} />
            </td>
          ) : (
            FIGURES.flatMap((figure) =>
              VERSION_ROLES.map((role, index) => {
                const reason = stageFigureUnavailable(report, role, figure, stage)
                return (
                  <td key={`${figure}-${role}`} className="number">
                    {reason ? <NotComputable reason={reason} words={words} /> : value(figure, index)}
                  </td>
                )
              }),
            )
          )}
        </>
      )}
    </tr>
  )
}

export function TimingList({ report, words }: { report: BacktestReport; words: BacktestWords }) {
  const { t } = useTranslation('backtest')
  return (
    <>
      <h5 className="backtest-subhead">{t('figures.timingTitle')}</h5>
      <dl className="backtest-timing" data-testid="backtest-timing">
        {VERSION_ROLES.map((role, index) => {
          const version = report.versions[index]!
          const reason = medianUnavailable(version)
          return (
            <div key={role}>
              <dt>{words.roleName(role)}</dt>
              <dd>
                {reason ? (
                  <NotComputable reason={reason} words={words} />
                ) : (
                  words.shift(version.medianDaysVsHandOff)
                )}
              </dd>
            </div>
          )
        })}
      </dl>
    </>
  )
}

/** "nicht berechenbar" with its reason beneath, never a 0 that was not measured. */
export function NotComputable({ reason, words }: { reason: UnavailableReason; words: BacktestWords }) {
  const { t } = useTranslation('backtest')
  return (
    <span className="not-computable" data-testid="not-computable">
      {t('unavailable.text')}
      <small>{words.unavailable(reason)}</small>
    </span>
  )
}
