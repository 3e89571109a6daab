// The confirmation before a version goes live, with what it changes now: leads that become MQL at once or
// stop being MQL (examples link to their pages), the load per rep after routing the new MQLs against their
// capacity, and the leads no rep could take. The summary loads while the dialog is open.
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { Modal } from '../../../components/Modal.tsx'
import { ErrorMessage, Loading } from '../../../components/States.tsx'
import { useFormat } from '../../../hooks/format.ts'
import { isNoChange, isOverCapacity } from './activation-summary.ts'
import { useActivationPreview, type ActivationPreview } from './use-activation-preview.ts'

export function ActivateDialog(props: {
  version: number
  activeVersion: number | null
  /** without both approvals, where the workspace allows one party to decide */
  singleParty: boolean
  busy: boolean
  problem: string | null
  onConfirm: () => void
  onCancel: () => void
}) {
  const { t } = useTranslation('governance')
  const ids = useId()
  const preview = useActivationPreview(props.version, true)

  return (
    <Modal
      className="activate-dialog"
      labelledBy={`${ids}-title`}
      describedBy={`${ids}-text`}
      onCancel={() => !props.busy && props.onCancel()}
    >
      <h2 id={`${ids}-title`}>{t('activate.title', { version: props.version })}</h2>
      <p id={`${ids}-text`}>
        {props.activeVersion === null
          ? t('activate.textFirst')
          : t('activate.text', { active: props.activeVersion })}
      </p>
      {props.singleParty && <p className="warning">{t('activate.singleParty')}</p>}
      <section
        className="activation-summary"
        aria-labelledby={`${ids}-summary`}
        data-testid="activation-summary"
      >
        <h3 id={`${ids}-summary`}>{t('activate.summary')}</h3>
        {preview.isPending ? (
          <>
            <p className="muted">{t('activate.computing')}</p>
            <Loading rows={2} />
          </>
        ) : preview.isError ? (
          <ErrorMessage error={preview.error} />
        ) : (
          <Summary preview={preview.data} />
        )}
      </section>
      <p className="muted">{t('activate.history')}</p>
      {props.problem && (
        <p className="error" role="alert">
          {props.problem}
        </p>
      )}
      <div className="dialog-buttons">
        <button type="button" className="primary" onClick={props.onConfirm} disabled={props.busy}>
          {props.busy ? t('activate.busy') : t('activate.confirm', { version: props.version })}
        </button>
        <button type="button" onClick={props.onCancel} disabled={props.busy}>
          {t('activate.cancel')}
        </button>
      </div>
    </Modal>
  )
}

function Summary({ preview }: { preview: ActivationPreview }) {
  const { t } = useTranslation('governance')
  const format = useFormat()
  if (isNoChange(preview)) {
    return <p data-testid="activation-nothing">{t('activate.nothing', { count: preview.leads })}</p>
  }
  const reps = preview.perRep.filter((rep) => rep.added > 0)
  return (
    <>
      <ul className="activation-facts">
        <li data-testid="activation-become-mql">{t('activate.becomeMql', { count: preview.becomeMql })}</li>
        <li>{t('activate.leaveMql', { count: preview.leaveMql })}</li>
        {preview.unrouted > 0 && <li>{t('activate.unrouted', { count: preview.unrouted })}</li>}
      </ul>
      {preview.examples.length > 0 && (
        <>
          <h4>{t('activate.examples')}</h4>
          <ul className="activation-examples">
            {preview.examples.map((lead) => (
              <li key={lead.leadId}>
                <Link to={`/leads/${lead.leadId}`}>{lead.name ?? lead.email}</Link>
                {lead.company && <span className="muted"> · {lead.company}</span>}{' '}
                <span className="muted">
                  {t(`common:stage.${lead.from}`, { defaultValue: lead.from })} →{' '}
                  {t(`common:stage.${lead.to}`, { defaultValue: lead.to })}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {reps.length > 0 && (
        <div className="table-scroll">
          <table className="table">
            <caption>{t('activate.perRep')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('activate.rep')}</th>
                <th scope="col">{t('activate.openNow')}</th>
                <th scope="col">{t('activate.added')}</th>
                <th scope="col">{t('activate.capacity')}</th>
              </tr>
            </thead>
            <tbody>
              {reps.map((rep) => {
                const over = isOverCapacity(rep)
                return (
                  <tr key={rep.userId}>
                    <th scope="row">
                      {rep.name}
                      {rep.team && <span className="muted"> · {rep.team}</span>}
                    </th>
                    <td>{format.number(rep.openNow)}</td>
                    <td>+{format.number(rep.added)}</td>
                    <td className={over ? 'over-capacity' : undefined}>
                      {rep.capacity === null ? t('activate.noCapacity') : format.number(rep.capacity)}
                      {over && <> · {t('activate.overCapacity')}</>}
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  )
}
