// Loading, empty and error states, the same on every screen. Placeholders keep their final size, so the
// layout does not jump when data arrives.
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiProblem } from '../api/client.ts'

/** What QueryStates needs of a react-query result (useQuery and useInfiniteQuery both fit). */
export type QueryState<T> = { isPending: boolean; isError: boolean; error: unknown; data: T | undefined }

/**
 * A query's data, or its loading placeholder, its error, or the empty message. `isEmpty` defaults to "an
 * empty array"; screens that filter pass their own. The placeholder has `rows` rows of about the final
 * height.
 */
export function QueryStates<T>({
  query,
  rows = 4,
  empty,
  isEmpty = isEmptyArray,
  children,
}: {
  query: QueryState<T>
  rows?: number
  empty?: ReactNode
  isEmpty?: (data: T) => boolean
  children: (data: T) => ReactNode
}) {
  if (query.isError) return <ErrorMessage error={query.error} />
  if (query.isPending || query.data === undefined) return <Loading rows={rows} />
  if (empty !== undefined && isEmpty(query.data)) return <Empty>{empty}</Empty>
  return children(query.data)
}

function isEmptyArray(data: unknown) {
  return Array.isArray(data) && data.length === 0
}

export function FullPageMessage({ kind, error }: { kind: 'loading' | 'error'; error?: unknown }) {
  return <div className="full-page">{kind === 'loading' ? <Loading /> : <ErrorMessage error={error} />}</div>
}

export function Loading({ rows = 0 }: { rows?: number }) {
  const { t } = useTranslation()
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="visually-hidden">{t('state.loading')}</span>
      {Array.from({ length: rows }, (_, index) => (
        <div key={index} className="skeleton-row" aria-hidden="true" />
      ))}
      {rows === 0 && <span aria-hidden="true">{t('state.loading')}</span>}
    </div>
  )
}

export function Empty({ children }: { children: React.ReactNode }) {
  return <p className="empty">{children}</p>
}

export function ErrorMessage({ error }: { error: unknown }) {
  const { t } = useTranslation()
  const detail =
    error instanceof ApiProblem
      ? error.status === 404
        ? t('state.notFound')
        : error.status === 403
          ? t('state.forbidden')
          : error.message
      : t('state.unexpected')
  return (
    <div className="error" role="alert">
      <strong>{t('state.error')}</strong> {detail}
    </div>
  )
}
