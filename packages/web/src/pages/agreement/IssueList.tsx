// The issues of a draft, each a button that puts the cursor on its line. Messages are worded in the UI
// language from the issue's code; a code the catalogue does not know shows the server's English message,
// marked as English for screen readers. The line and the path say where.
import { useTranslation } from 'react-i18next'
import { issueText } from './issue-message.ts'
import type { AgreementIssue } from './use-agreement-check.ts'

export function IssueList({
  issues,
  onSelect,
}: {
  issues: readonly AgreementIssue[]
  onSelect: (line: number, column: number) => void
}) {
  const { t, i18n } = useTranslation('agreement')
  if (issues.length === 0) return null
  // Top to bottom, as in the editor; issues without a line last.
  const sorted = [...issues].sort(
    (a, b) => (a.line ?? Infinity) - (b.line ?? Infinity) || (a.column ?? 0) - (b.column ?? 0),
  )
  return (
    <ol className="issue-list">
      {sorted.map((issue, index) => {
        const { text, english } = issueText(issue, i18n)
        return (
          <li key={`${issue.line ?? 0}:${issue.column ?? 0}:${index}`} data-testid="agreement-error">
            <button
              type="button"
              className="issue"
              disabled={issue.line === undefined}
              onClick={() => issue.line !== undefined && onSelect(issue.line, issue.column ?? 1)}
            >
              <span className="issue-where">
                {issue.line === undefined
                  ? t('editor.noLine')
                  : issue.column === undefined
                    ? t('editor.line', { line: issue.line })
                    : t('editor.lineColumn', { line: issue.line, column: issue.column })}
              </span>
              <span className="issue-message" lang={english && i18n.language !== 'en' ? 'en' : undefined}>
                {text}
              </span>
              {issue.path && <code className="issue-path">{issue.path}</code>}
            </button>
          </li>
        )
      })}
    </ol>
  )
}
