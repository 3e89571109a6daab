// The table every settings list uses: column heads for screen readers (scope="col"), an optional last
// column of row actions whose head is read out but not shown, and a dimmed look while newer data loads.
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

export type Column = string | { label: string; className: string }

export function SettingsTable({
  columns,
  actions = false,
  testId,
  stale = false,
  busy,
  children,
}: {
  columns: Column[]
  /** a last column for the row's buttons */
  actions?: boolean
  testId?: string
  /** the rows are the previous page's while the next one loads */
  stale?: boolean
  busy?: boolean
  children: ReactNode
}) {
  const { t } = useTranslation('settings')
  // On a phone the columns do not fit: the table scrolls inside its frame, the page stays put.
  return (
    <div className="table-scroll">
      <table
        className={stale ? 'table settings-table is-stale' : 'table settings-table'}
        data-testid={testId}
        aria-busy={busy}
      >
        <thead>
          <tr>
            {columns.map((column) =>
              typeof column === 'string' ? (
                <th key={column} scope="col">
                  {column}
                </th>
              ) : (
                <th key={column.label} scope="col" className={column.className}>
                  {column.label}
                </th>
              ),
            )}
            {actions && (
              <th scope="col">
                <span className="visually-hidden">{t('actions')}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  )
}
