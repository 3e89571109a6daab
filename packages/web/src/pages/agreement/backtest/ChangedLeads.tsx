// The leads whose outcome the tested version changes, a page at a time, each linking to its lead page
// with why it became MQL (or not) under both versions, worded as the inbox words explanations.
import { useId, useState } from 'react'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import { ExplanationList, type Explanation } from '../../../components/Explanations.tsx'
import { Empty, QueryStates } from '../../../components/States.tsx'
import { leadName } from '../../lead/lead-types.ts'
import { useChangedLeads, useLeadSummary } from './use-backtests.ts'
import type { BacktestWords } from './use-backtest-words.ts'
import { VERSION_ROLES, type ChangedLeadItem, type LeadChange, type VersionRole } from './backtest-types.ts'

const CHANGES: readonly LeadChange[] = ['only_candidate', 'only_baseline', 'different_week']

export function ChangedLeads(props: { runId: string; total: number; words: BacktestWords }) {
  const { t } = useTranslation('backtest')
  const id = useId()
  const [change, setChange] = useState<LeadChange | undefined>(undefined)
  const pages = useChangedLeads(props.runId, change)
  const changeName = (kind: LeadChange) => changeText(kind, props.words, t)
  if (props.total === 0) return <Empty>{t('changed.empty')}</Empty>
  return (
    <div className="changed-leads" data-testid="backtest-changed-leads">
      <div className="backtest-field changed-filter">
        <label htmlFor={`${id}-change`}>{t('changed.filter')}</label>
        <select
          id={`${id}-change`}
          value={change ?? ''}
          onChange={(event) => setChange((event.target.value || undefined) as LeadChange | undefined)}
        >
          <option value="">{t('changed.all')}</option>
          {CHANGES.map((kind) => (
            <option key={kind} value={kind}>
              {changeName(kind)}
            </option>
          ))}
        </select>
      </div>
      <QueryStates
        query={{ ...pages, data: pages.data?.pages.flatMap((page) => page.items) }}
        rows={3}
        empty={t('changed.emptyFiltered')}
      >
        {(items) => (
          <>
            <ul className="changed-list">
              {items.map((item) => (
                <ChangedLeadRow key={item.leadId} item={item} words={props.words} changeName={changeName} />
              ))}
            </ul>
            <div className="changed-more">
              {change === undefined && (
                <span className="muted" aria-live="polite">
                  {t('changed.shown', {
                    shown: props.words.count(items.length),
                    total: props.words.count(props.total),
                  })}
                </span>
              )}
              {pages.hasNextPage && (
                <button
                  type="button"
                  onClick={() => void pages.fetchNextPage()}
                  disabled={pages.isFetchingNextPage}
                >
                  {pages.isFetchingNextPage ? t('changed.loadingMore') : t('changed.more')}
                </button>
              )}
            </div>
          </>
        )}
      </QueryStates>
    </div>
  )
}

function ChangedLeadRow(props: {
  item: ChangedLeadItem
  words: BacktestWords
  changeName: (kind: LeadChange) => string
}) {
  const { item, words } = props
  return (
    <li className="changed-lead" data-testid="backtest-changed-lead" data-change={item.change}>
      <div className="changed-who">
        <LeadLink id={item.leadId} />
        <span className={`badge change-${item.change}`}>{props.changeName(item.change)}</span>
      </div>
      <div className="changed-versions">
        {VERSION_ROLES.map((role) => (
          <VersionOutcome key={role} role={role} outcome={item[role]} words={words} />
        ))}
      </div>
    </li>
  )
}

function LeadLink({ id }: { id: string }) {
  const { t } = useTranslation('backtest')
  const lead = useLeadSummary(id)
  const fallback = t('changed.unknownLead', { id: id.slice(0, 8) })
  return (
    <span className="changed-name">
      <Link to={`/leads/${id}`} className="lead-name">
        {lead.data ? leadName(lead.data) : fallback}
      </Link>
      {lead.data && (lead.data.firstName || lead.data.lastName) && (
        <span className="muted"> · {lead.data.email}</span>
      )}
    </span>
  )
}

function VersionOutcome(props: {
  role: VersionRole
  outcome: ChangedLeadItem['candidate']
  words: BacktestWords
}) {
  const { t } = useTranslation('backtest')
  const { outcome, words } = props
  const explanations = outcome.explanations as Explanation[]
  const heading = words.roleName(props.role)
  return (
    <div className="changed-version" data-role={props.role}>
      <p className="changed-version-head">
        <strong>{heading}:</strong>{' '}
        {outcome.mqlAt === null || outcome.week === null
          ? t('changed.noMql')
          : t('changed.mqlAt', {
              date: words.format.dateTime(new Date(outcome.mqlAt).toISOString()),
              week: words.week(outcome.week),
            })}
      </p>
      {explanations.length > 0 ? (
        <ExplanationList explanations={explanations} label={heading} />
      ) : (
        outcome.mqlAt !== null && <p className="muted">{t('changed.noReasons')}</p>
      )}
    </div>
  )
}

function changeText(kind: LeadChange, words: BacktestWords, t: TFunction<'backtest'>) {
  switch (kind) {
    case 'only_candidate':
      return t('changed.change.only_candidate', { name: words.versionName('candidate') })
    case 'only_baseline':
      return t('changed.change.only_baseline', { name: words.versionName('baseline') })
    case 'different_week':
      return t('changed.change.different_week')
  }
}
