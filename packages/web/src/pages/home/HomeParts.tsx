// The pieces every home section is built from: the card with its heading, the report's loading and
// error states, and a number that opens the leads behind it in the pipeline list.
import type { ReactNode } from 'react'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { QueryStates, type QueryState } from '../../components/States.tsx'
import { boardHref, type LeadListQuery } from './home-figures.ts'

export function HomeCard({
  id,
  title,
  period,
  children,
}: {
  id: string
  title: string
  /** the report's period, said under the heading */
  period?: { from: string; to: string }
  children: ReactNode
}) {
  const { t } = useTranslation('home')
  return (
    <section className="card home-card" aria-labelledby={`home-${id}`} data-testid={`home-${id}`}>
      <h2 id={`home-${id}`}>{title}</h2>
      {period && <p className="muted home-period">{t('period', period)}</p>}
      {children}
    </section>
  )
}

/** A query's data once it is there; the placeholder and the error otherwise. */
export function Loaded<T>({ query, children }: { query: QueryState<T>; children: (data: T) => ReactNode }) {
  return (
    <QueryStates query={query} rows={3}>
      {children}
    </QueryStates>
  )
}

/**
 * A number that opens the pipeline list behind it. A list that may also hold other leads (the report's
 * `exact: false`) says so in its title; the section's note says it for everyone.
 */
export function FigureLink({
  query,
  exact,
  extra,
  children,
}: {
  query: LeadListQuery
  exact: boolean
  extra?: Record<string, string>
  children: ReactNode
}) {
  const { t } = useTranslation('home')
  return (
    <Link
      to={boardHref(query, extra)}
      className="figure-link"
      data-exact={exact}
      title={exact ? undefined : t('inexact')}
    >
      {children}
    </Link>
  )
}

export function InexactNote() {
  const { t } = useTranslation('home')
  return <p className="muted home-note">{t('inexact')}</p>
}
