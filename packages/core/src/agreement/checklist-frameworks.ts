// The items of the built-in SQL checklist frameworks. Agreements refer to them by id
// (`mandatory: [need]`), so the ids are part of the agreement language and must stay stable.
import type { CHECKLIST_FRAMEWORKS } from './agreement-document.ts'

export type ChecklistFramework = (typeof CHECKLIST_FRAMEWORKS)[number]
export type BuiltInChecklistFramework = Exclude<ChecklistFramework, 'custom'>
export type ChecklistItem = {
  readonly id: string
  readonly label: { readonly de: string; readonly en: string }
}

export const CHECKLIST_FRAMEWORK_ITEMS = Object.freeze({
  BANT: [
    { id: 'budget', label: { de: 'Budget', en: 'Budget' } },
    { id: 'authority', label: { de: 'Entscheidungsbefugnis', en: 'Authority' } },
    { id: 'need', label: { de: 'Bedarf', en: 'Need' } },
    { id: 'timeline', label: { de: 'Zeitrahmen', en: 'Timeline' } },
  ],
  MEDDICC: [
    { id: 'metrics', label: { de: 'Kennzahlen', en: 'Metrics' } },
    { id: 'economic_buyer', label: { de: 'Wirtschaftlicher Entscheider', en: 'Economic buyer' } },
    { id: 'decision_criteria', label: { de: 'Entscheidungskriterien', en: 'Decision criteria' } },
    { id: 'decision_process', label: { de: 'Entscheidungsprozess', en: 'Decision process' } },
    { id: 'identify_pain', label: { de: 'Schmerzpunkt identifiziert', en: 'Identified pain' } },
    { id: 'champion', label: { de: 'Champion', en: 'Champion' } },
    { id: 'competition', label: { de: 'Wettbewerb', en: 'Competition' } },
  ],
  CHAMP: [
    { id: 'challenges', label: { de: 'Herausforderungen', en: 'Challenges' } },
    { id: 'authority', label: { de: 'Entscheidungsbefugnis', en: 'Authority' } },
    { id: 'money', label: { de: 'Budget', en: 'Money' } },
    { id: 'prioritization', label: { de: 'Priorität', en: 'Prioritization' } },
  ],
} as const satisfies Record<BuiltInChecklistFramework, readonly ChecklistItem[]>)

/**
 * The item ids a checklist works with: the framework's built-in items, or a custom checklist's own.
 * @example checklistItemIds({ framework: 'BANT' }) // ['budget', 'authority', 'need', 'timeline']
 */
export function checklistItemIds(checklist: {
  framework: ChecklistFramework
  items?: readonly { id: string }[]
}): string[] {
  const items =
    checklist.framework === 'custom'
      ? (checklist.items ?? [])
      : CHECKLIST_FRAMEWORK_ITEMS[checklist.framework]
  return items.map((item) => item.id)
}
