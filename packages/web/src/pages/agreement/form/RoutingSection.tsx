// The teams MQLs are routed to and the capacity of each rep; a team can be added with its first rep.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AgreementDocument } from '../agreement-types.ts'
import { newId } from './agreement-form-model.ts'
import { LIMITS } from './agreement-form-limits.ts'
import type { YamlEdit } from './agreement-form-edits.ts'
import { FormSection, NumberField } from './FormFields.tsx'
import { PersonPicker } from './PersonPicker.tsx'
import { TeamFields } from './TeamFields.tsx'
import { useWorkspacePeople, type Person } from './use-workspace-people.ts'

type Edit = (change: YamlEdit) => void

export function RoutingSection({
  document,
  edit,
  readOnly,
}: {
  document: AgreementDocument
  edit: Edit
  readOnly: boolean
}) {
  const { t } = useTranslation('agreementForm')
  const people = useWorkspacePeople()
  const routing = document.routing
  if (!routing)
    return (
      <FormSection id="routing" title={t('routing.title')}>
        <p className="muted">{t('routing.missing')}</p>
      </FormSection>
    )
  // Loading counts as "not listed" for a moment: the e-mail fields then become lists once the people arrive.
  const known = people.data
  return (
    <FormSection id="routing" title={t('routing.title')}>
      <div className="form-fields">
        <NumberField
          label={t('routing.capacity')}
          wide
          hint={t('routing.capacityHint')}
          value={routing.maxOpenLeadsPerRep}
          limits={LIMITS.maxOpenLeadsPerRep}
          optional
          testId="routing-capacity"
          onCommit={(value) =>
            edit(
              value === undefined
                ? { kind: 'delete', path: ['routing', 'maxOpenLeadsPerRep'] }
                : { kind: 'set', path: ['routing', 'maxOpenLeadsPerRep'], value },
            )
          }
        />
      </div>
      {people.isError && !readOnly && <p className="muted">{t('routing.usersUnavailable')}</p>}
      <ul className="form-list">
        {routing.teams.map((team, index) => (
          <li key={`${team.id}-${index}`}>
            <TeamFields team={team} index={index} people={known} readOnly={readOnly} edit={edit} />
          </li>
        ))}
      </ul>
      {!readOnly && <AddTeam taken={routing.teams.map((team) => team.id)} people={known} edit={edit} />}
    </FormSection>
  )
}

function AddTeam({ taken, people, edit }: { taken: string[]; people: Person[] | undefined; edit: Edit }) {
  const { t } = useTranslation('agreementForm')
  const [german, setGerman] = useState('')
  const [english, setEnglish] = useState('')
  const de = german.trim()
  const en = english.trim()
  const add = (member: string) => {
    edit({
      kind: 'append',
      path: ['routing', 'teams'],
      value: {
        id: newId(de || en, taken, 'team'),
        label: de && en ? { de, en } : de || en,
        members: [member],
      },
    })
    setGerman('')
    setEnglish('')
  }
  return (
    <div className="form-item form-add" role="group" aria-labelledby="agreement-form-add-team">
      <h4 id="agreement-form-add-team">{t('routing.addTeam')}</h4>
      <div className="form-fields">
        <label className="form-field form-text">
          <span>{t('routing.teamNameDe')}</span>
          <input value={german} onChange={(event) => setGerman(event.target.value)} lang="de" />
        </label>
        <label className="form-field form-text">
          <span>{t('routing.teamNameEn')}</span>
          <input value={english} onChange={(event) => setEnglish(event.target.value)} lang="en" />
        </label>
      </div>
      {(de || en) && (
        <PersonPicker
          label={t('routing.firstMember')}
          buttonText={t('routing.addTeamButton')}
          people={people?.filter((person) => person.role === 'sales' || person.role === 'sales_manager')}
          exclude={[]}
          onPick={add}
        />
      )}
    </div>
  )
}
