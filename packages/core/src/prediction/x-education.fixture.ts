// The public X Education leads (shared/data/README.md, EVALUATION.md) as the tests and the bench read them:
// the outcome column and the columns known only after hand-off, which leak the outcome. The file is
// third-party data and may not be copied into the repository: it is read where the project's shared
// folder is, beside the checkout (or TAKT_SHARED_DATA names the folder).
import type { PredictionTask } from './prediction-dataset.ts'

export const X_EDUCATION_TASK: PredictionTask = Object.freeze({
  target: 'Converted',
  drop: Object.freeze([
    'Tags',
    'Lead Quality',
    'Lead Profile',
    'Asymmetrique Activity Index',
    'Asymmetrique Profile Index',
    'Asymmetrique Activity Score',
    'Asymmetrique Profile Score',
    'Last Activity',
    'Last Notable Activity',
  ]),
})

/** Where the file may be, most specific first: the folder TAKT_SHARED_DATA names, then beside the checkout. */
export function xEducationCandidates(sharedDataVariable: string | undefined): string[] {
  return [
    sharedDataVariable,
    new URL('../../../../../shared/data/', import.meta.url).pathname,
    '/work/shared/data/',
  ]
    .filter((folder): folder is string => folder !== undefined)
    .map((folder) => `${folder.replace(/\/$/, '')}/leads-x-education.csv`)
}
