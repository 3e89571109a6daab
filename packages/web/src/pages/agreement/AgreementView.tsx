// The agreement as people read it: every part in sentences.
import { useLabel } from '../../hooks/use-agreement.ts'
import { AgreementDocumentProvider } from './ConditionView.tsx'
import {
  DisqualifiersSection,
  EngagementSection,
  FitSection,
  MqlSection,
  SignalsSection,
} from './ScoringSections.tsx'
import { RoutingSection, SlaSection, SourcesSection } from './HandOffSections.tsx'
import { DealsSection, RecyclingSection, SqlSection } from './SalesDecisionSections.tsx'
import type { AgreementDocument } from './agreement-types.ts'

const PARTS = [
  { id: 'fit', present: () => true, View: FitSection },
  { id: 'engagement', present: () => true, View: EngagementSection },
  {
    id: 'signals',
    present: (d: AgreementDocument) => Object.keys(d.signals ?? {}).length > 0,
    View: SignalsSection,
  },
  { id: 'disqualifiers', present: () => true, View: DisqualifiersSection },
  { id: 'mql', present: () => true, View: MqlSection },
  { id: 'sources', present: (d: AgreementDocument) => (d.sources ?? []).length > 0, View: SourcesSection },
  { id: 'recycling', present: (d: AgreementDocument) => d.recycling !== undefined, View: RecyclingSection },
  { id: 'routing', present: (d: AgreementDocument) => d.routing !== undefined, View: RoutingSection },
  { id: 'sla', present: (d: AgreementDocument) => d.sla !== undefined, View: SlaSection },
  { id: 'sql', present: (d: AgreementDocument) => (d.sql?.checklists ?? []).length > 0, View: SqlSection },
  { id: 'deals', present: (d: AgreementDocument) => (d.deals?.stages ?? []).length > 0, View: DealsSection },
] as const

/** The parts this agreement has, in reading order (for the contents list). */
export function agreementParts(document: AgreementDocument): string[] {
  return PARTS.filter((part) => part.present(document)).map((part) => part.id)
}

export function AgreementView({ document }: { document: AgreementDocument }) {
  const label = useLabel()
  return (
    <AgreementDocumentProvider value={document}>
      <div className="agreement-view" data-testid="agreement-view">
        {document.description && <p className="agreement-description">{label(document.description, '')}</p>}
        {PARTS.filter((part) => part.present(document)).map(({ id, View }) => (
          <View key={id} document={document} />
        ))}
      </div>
    </AgreementDocumentProvider>
  )
}
