// Whether next best content worked: of the leads an item was recommended to in the period, those that
// consumed it afterwards and those that then became MQL, item by item and all items together.
import { useTranslation } from 'react-i18next'
import { Empty } from '../../../components/States.tsx'
import { Figure, ReportTable } from '../ReportParts.tsx'
import type { ReportWords } from '../use-report-words.ts'
import type { ContentWords } from './use-content-words.ts'

type Figures = { recommended: number; consumed: number; mqlAfter: number; mqlRate: number | null }
export type RecommendedItem = Figures & { contentId: string; title: string | null; inCatalog: boolean }

export function RecommendedContent({
  items,
  totals,
  words,
  content,
}: {
  items: readonly RecommendedItem[]
  totals: Figures
  words: ReportWords
  content: ContentWords
}) {
  const { t } = useTranslation('reports')
  const title = t('contentGaps.recommended.title')
  const cells = (figures: Figures) => (
    <>
      <td className="number" data-figure="recommended">
        {words.count(figures.recommended)}
      </td>
      <td className="number" data-figure="consumed">
        {words.count(figures.consumed)}
      </td>
      <td className="number" data-figure="mqlAfter">
        {words.count(figures.mqlAfter)}
      </td>
      <td className="number" data-figure="mqlRate">
        <Figure text={words.format.share(figures.mqlRate)} />
      </td>
    </>
  )
  return (
    <section className="report-section" aria-labelledby="recommended-title">
      <h2 id="recommended-title">{title}</h2>
      <p className="muted">{t('contentGaps.recommended.intro')}</p>
      {items.length === 0 ? (
        <Empty>{t('contentGaps.recommended.empty')}</Empty>
      ) : (
        <ReportTable caption={title} testId="recommended">
          <thead>
            <tr>
              <th scope="col">{t('contentGaps.preceding.content')}</th>
              <th scope="col" className="number">
                {t('contentGaps.recommended.recommended')}
              </th>
              <th scope="col" className="number">
                {t('contentGaps.recommended.consumed')}
              </th>
              <th scope="col" className="number">
                {t('contentGaps.preceding.mqlAfter')}
              </th>
              <th scope="col" className="number">
                {t('contentGaps.preceding.mqlRate')}
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.contentId} data-content={item.contentId}>
                <th scope="row">
                  {content.title(item)}
                  {!item.inCatalog && <span className="gap-sub">{t('contentGaps.topics.notInCatalog')}</span>}
                </th>
                {cells(item)}
              </tr>
            ))}
            <tr data-content="" className="report-total">
              <th scope="row">{t('contentGaps.recommended.total')}</th>
              {cells(totals)}
            </tr>
          </tbody>
        </ReportTable>
      )}
    </section>
  )
}
