// The form editor of an agreement draft: the values marketing and sales change most, beside the YAML editor
// (the advanced mode). Both edit the same text: the form reads `source` and hands every change back as new
// YAML, touching only the text of what changed, so comments and everything the form does not show stay.
import { useEffect, useMemo, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { AgreementDocumentProvider } from '../ConditionView.tsx'
import {
  applyAgreementEdit,
  readAgreementSource,
  type AgreementFormSource,
  type YamlEdit,
} from './agreement-form-edits.ts'
import { MqlThresholdsSection } from './MqlThresholdsSection.tsx'
import { ScoringRulesSection } from './ScoringRulesSection.tsx'
import { RejectReasonsSection } from './RejectReasonsSection.tsx'
import { SlaSection } from './SlaSection.tsx'
import { RoutingSection } from './RoutingSection.tsx'
import './agreement-form.css'

export function AgreementForm({
  source,
  onChange,
  readOnly = false,
}: {
  source: string
  onChange: (source: string) => void
  readOnly?: boolean
}) {
  const { t } = useTranslation('agreementForm')
  // Two edits before the next render (a select and a blur) must build on each other, not both on `source`.
  const latest = useRef(source)
  useEffect(() => {
    latest.current = source
  }, [source])
  const read = useMemo(() => readAgreementSource(source), [source])
  if (read.state !== 'ready') return <Unreadable read={read} />

  const edit = (change: YamlEdit) => {
    if (readOnly) return
    const next = applyAgreementEdit(latest.current, change)
    if (next === latest.current) return
    latest.current = next
    onChange(next)
  }
  const document = read.document
  return (
    <AgreementDocumentProvider value={document}>
      <div className="agreement-form" data-testid="agreement-form">
        <p className="muted form-intro">{t('intro')}</p>
        {/* disabled: a version that is no longer a draft shows its values and takes no edit (the page says why) */}
        <fieldset className="form-plain" disabled={readOnly}>
          <MqlThresholdsSection document={document} edit={edit} />
          <ScoringRulesSection document={document} edit={edit} />
          <RejectReasonsSection document={document} edit={edit} readOnly={readOnly} />
          <SlaSection document={document} edit={edit} />
          <RoutingSection document={document} edit={edit} readOnly={readOnly} />
        </fieldset>
      </div>
    </AgreementDocumentProvider>
  )
}

function Unreadable({ read }: { read: Exclude<AgreementFormSource, { state: 'ready' }> }) {
  const { t } = useTranslation('agreementForm')
  const text =
    read.state === 'notYaml'
      ? read.line === undefined
        ? t('unreadable.notYamlSomewhere')
        : t('unreadable.notYaml', { line: read.line })
      : t('unreadable.incomplete', {
          parts: read.missing.map((part) => (part === '' ? t('unreadable.whole') : part)).join(', '),
        })
  return (
    <div className="error form-unreadable" role="alert" data-testid="agreement-form-unreadable">
      <strong>{t('unreadable.title')}</strong>
      <p>{text}</p>
    </div>
  )
}
