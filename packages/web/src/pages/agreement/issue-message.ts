// Words an agreement issue in the UI language from its code and params (the `issue.*` keys of the agreement
// catalogue). The server's English message stays the fallback for a code the catalogue does not know yet,
// e.g. from a newer server; callers mark that text as English.
import type { i18n as I18n, TFunction } from 'i18next'
import { ISSUE_TERMS } from '../../../../core/src/agreement/agreement-issue-codes.ts'

type Params = Readonly<Record<string, string | number | readonly string[]>>
type Value = string | number | string[]

export type IssueText = { text: string; english: boolean }

/**
 * The issue's message in the UI language, or its English message when the catalogue lacks the code.
 * Catalogue conventions: lists are formatted by the entry (`{{allowed, list(type: disjunction)}}`) and an
 * empty one reads "none"; `count` picks plural forms; `noun` and `expected` values come from `issue.term.*`.
 */
export function issueText(issue: { code: string; params: Params; message: string }, i18n: I18n): IssueText {
  const key = `issue.${issue.code}`
  const count = typeof issue.params.count === 'number' ? issue.params.count : undefined
  if (!i18n.exists(`agreement:${key}`, { count })) return { text: issue.message, english: true }
  const t = i18n.getFixedT(null, 'agreement')
  const values = Object.fromEntries(
    Object.entries(issue.params).map(([name, value]) => [name, withNone(t, value)]),
  )
  const worded = Object.fromEntries(
    Object.entries(values).map(([name, value]) => [
      name,
      isTermParam(name) ? term(t, name, value, values) : value,
    ]),
  )
  // `replace` keeps params apart from t()'s own options, so a param may be called `ns` or `context`.
  return { text: t(key, { replace: worded, count }), english: false }
}

function withNone(t: TFunction, value: string | number | readonly string[]): Value {
  if (typeof value !== 'object') return value
  return value.length === 0 ? [t('agreement:issue.none')] : [...value]
}

function isTermParam(name: string): name is keyof typeof ISSUE_TERMS {
  return Object.hasOwn(ISSUE_TERMS, name)
}

// A term may name other params, e.g. the keys of a mapping: "a mapping with {{keys, list}}".
function term(t: TFunction, name: string, value: Value, values: Record<string, Value>): Value {
  const word = (item: string) => t(`issue.term.${name}.${item}`, { replace: values, defaultValue: item })
  if (typeof value === 'number') return value
  return typeof value === 'string' ? word(value) : value.map(word)
}
