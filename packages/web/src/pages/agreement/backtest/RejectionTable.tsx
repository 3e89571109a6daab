// Of the MQLs sales really rejected, how many each version would still have handed over, by reason.
// Reasons are worded as the lead page words them (the agreement's labels), codes it does not know humanised.
import { useTranslation } from 'react-i18next'
import { useLeadLabels } from '../../lead/lead-labels.ts'
import { humanize } from '../../../i18n/humanize.ts'
import { Empty } from '../../../components/States.tsx'
import { stillSentShare } from './backtest-figures.ts'
import type { BacktestWords } from './use-backtest-words.ts'
import { VERSION_ROLES, type BacktestReport, type VersionRole } from './backtest-types.ts'

type Counts = { rejected: number; stillSent: Record<VersionRole, number> }

export function RejectionTable({ report, words }: { report: BacktestReport; words: BacktestWords }) {
  const { t } = useTranslation('backtest')
  const labels = useLeadLabels()
  const reason = (code: string) => {
    const worded = labels.reason(code)
    return worded === code && /^[a-z0-9_]+$/.test(code) ? humanize(code) : worded
  }
  const rejections = report.rejections
  if (rejections.rejected === 0) return <Empty>{t('rejections.empty')}</Empty>
  const cells = (counts: Counts) => [
    <td key="rejected" className="number">
      {words.count(counts.rejected)}
    </td>,
    ...VERSION_ROLES.map((role) => (
      <td key={role} className="number">
        {t('rejections.share', {
          count: words.count(counts.stillSent[role]),
          share: words.share(stillSentShare(counts.stillSent[role], counts.rejected)),
        })}
      </td>
    )),
  ]
  return (
    <div className="table-scroll">
      <table className="table backtest-rejections" data-testid="backtest-rejections">
        <caption className="visually-hidden">{t('rejections.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('rejections.reason')}</th>
            <th scope="col" className="number">
              {t('rejections.rejected')}
            </th>
            {VERSION_ROLES.map((role) => (
              <th scope="col" key={role} className="number">
                {t('rejections.stillSent', { name: words.versionName(role) })}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rejections.byReason.map((counts) => (
            <tr key={counts.reason} data-reason={counts.reason}>
              <th scope="row">{reason(counts.reason)}</th>
              {cells(counts)}
            </tr>
          ))}
        </tbody>
        {rejections.byReason.length > 1 && (
          <tfoot>
            <tr>
              <th scope="row">{t('rejections.all')}</th>
              {cells(rejections)}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  )
}
