// One routing team: its name, reps, team lead and territory (countries, and a postcode area by first digit
// where the territory has one). Territories of other shapes are shown in words and left to the YAML mode.
import { useTranslation } from 'react-i18next'
import { ConditionView } from '../ConditionView.tsx'
import { useAgreementWords } from '../use-agreement-words.ts'
import type { AgreementDocument } from '../agreement-types.ts'
import {
  countryCondition,
  parseCountries,
  postcodePattern,
  readTerritory,
  type PostcodePart,
} from './agreement-form-model.ts'
import { LIMITS } from './agreement-form-limits.ts'
import type { YamlEdit, YamlPath } from './agreement-form-edits.ts'
import { EMAIL, NumberField, TextField } from './FormFields.tsx'
import { PersonPicker, personText } from './PersonPicker.tsx'
import type { Person } from './use-workspace-people.ts'

type Team = NonNullable<AgreementDocument['routing']>['teams'][number]
type Edit = (change: YamlEdit) => void

export function TeamFields({
  team,
  index,
  people,
  readOnly,
  edit,
}: {
  team: Team
  index: number
  people: readonly Person[] | undefined
  readOnly: boolean
  edit: Edit
}) {
  const { t } = useTranslation('agreementForm')
  const words = useAgreementWords()
  const name = words.label(team.label, team.id)
  const path = ['routing', 'teams', index] as const
  const setText = (at: YamlPath) => (value: string | undefined) =>
    value !== undefined && edit({ kind: 'set', path: at, value })
  return (
    <fieldset className="form-item" data-testid={`team-${team.id}`}>
      <legend>{name}</legend>
      <div className="form-fields">
        {typeof team.label === 'object' ? (
          <>
            <TextField
              label={t('routing.teamNameDe')}
              value={team.label.de}
              onCommit={setText([...path, 'label', 'de'])}
            />
            <TextField
              label={t('routing.teamNameEn')}
              value={team.label.en}
              onCommit={setText([...path, 'label', 'en'])}
            />
          </>
        ) : (
          <TextField
            label={t('routing.teamName')}
            name={t('routing.teamNameOf', { n: index + 1 })}
            value={team.label ?? team.id}
            onCommit={setText([...path, 'label'])}
          />
        )}
        <LeadField team={team} name={name} people={people} path={path} edit={edit} />
      </div>

      <h5>{t('routing.members')}</h5>
      <ul className="form-members">
        {team.members.map((member, memberIndex) => (
          <li key={`${member}-${memberIndex}`}>
            <span>
              {personText(member, people)}
              {people && !people.some((person) => person.email.toLowerCase() === member.toLowerCase()) && (
                <span className="muted"> – {t('routing.notUser')}</span>
              )}
            </span>
            {!readOnly && (
              <button
                type="button"
                className="danger"
                aria-label={t('routing.removeMemberName', { member, team: name })}
                disabled={team.members.length === 1}
                title={team.members.length === 1 ? t('routing.lastMember') : undefined}
                onClick={() => edit({ kind: 'delete', path: [...path, 'members', memberIndex] })}
              >
                {t('routing.removeMember')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {!readOnly && (
        <PersonPicker
          label={t('routing.addMember')}
          name={t('routing.addMemberName', { team: name })}
          buttonText={t('routing.addMemberButton')}
          buttonName={t('routing.addMemberButtonName', { team: name })}
          people={people?.filter((person) => person.role === 'sales' || person.role === 'sales_manager')}
          exclude={team.members}
          onPick={(email) => edit({ kind: 'append', path: [...path, 'members'], value: email })}
        />
      )}

      <h5>{t('routing.territory')}</h5>
      <TerritoryFields team={team} name={name} path={[...path, 'territory']} edit={edit} />
    </fieldset>
  )
}

function LeadField({
  team,
  name,
  people,
  path,
  edit,
}: {
  team: Team
  name: string
  people: readonly Person[] | undefined
  path: YamlPath
  edit: Edit
}) {
  const { t } = useTranslation('agreementForm')
  const set = (email: string | undefined) =>
    edit(
      email
        ? { kind: 'set', path: [...path, 'lead'], value: email }
        : { kind: 'delete', path: [...path, 'lead'] },
    )
  if (!people)
    return (
      <TextField
        label={t('routing.lead')}
        name={t('routing.leadName', { team: name })}
        type="email"
        optional
        value={team.lead}
        parse={(text) => (EMAIL.test(text.trim()) ? text.trim() : undefined)}
        onCommit={set}
      />
    )
  const listed = people.some((person) => person.email === team.lead)
  return (
    <label className="form-field form-text">
      <span>{t('routing.lead')}</span>
      <select
        aria-label={t('routing.leadName', { team: name })}
        value={team.lead ?? ''}
        onChange={(event) => set(event.target.value || undefined)}
      >
        <option value="">{t('routing.noLead')}</option>
        {team.lead && !listed && <option value={team.lead}>{team.lead}</option>}
        {people.map((person) => (
          <option key={person.email} value={person.email}>
            {personText(person.email, people)}
          </option>
        ))}
      </select>
    </label>
  )
}

function TerritoryFields({
  team,
  name,
  path,
  edit,
}: {
  team: Team
  name: string
  path: YamlPath
  edit: Edit
}) {
  const { t } = useTranslation('agreementForm')
  const territory = team.territory
  const form = territory ? readTerritory(territory, path) : undefined
  if (territory && !form)
    return (
      <div className="form-others">
        <ConditionView condition={territory} />
        <p className="muted">{t('routing.territoryInYaml')}</p>
      </div>
    )
  const setCountries = (text: string | undefined) => {
    const countries = text === undefined ? undefined : parseCountries(text)
    if (!countries) return
    if (!form) edit({ kind: 'set', path, value: { field: 'company.country', in: countries } })
    else if (form.countries.operator === 'in')
      edit({ kind: 'set', path: [...form.countries.path, 'in'], value: countries })
    else edit({ kind: 'set', path: form.countries.path, value: countryCondition(form.countries, countries) })
  }
  return (
    <div className="form-fields">
      <TextField
        label={t('routing.countries')}
        name={t('routing.countriesName', { team: name })}
        value={form?.countries.countries.join(', ')}
        optional={!form}
        hint={form ? undefined : t('routing.anywhere')}
        parse={(text) => (parseCountries(text) ? text : undefined)}
        onCommit={setCountries}
      />
      {form?.postcode && <PostcodeFields postcode={form.postcode} name={name} edit={edit} />}
    </div>
  )
}

function PostcodeFields({ postcode, name, edit }: { postcode: PostcodePart; name: string; edit: Edit }) {
  const { t } = useTranslation('agreementForm')
  const set = (low: number, high: number) =>
    edit({ kind: 'set', path: [...postcode.path, 'matches'], value: postcodePattern(low, high) })
  return (
    <>
      <NumberField
        label={t('routing.postcodeFrom')}
        name={t('routing.postcodeFromName', { team: name })}
        value={postcode.low}
        limits={LIMITS.postcodeDigit}
        isAllowed={(low) => low <= postcode.high}
        onCommit={(low) => low !== undefined && set(low, postcode.high)}
      />
      <NumberField
        label={t('routing.postcodeTo')}
        name={t('routing.postcodeToName', { team: name })}
        value={postcode.high}
        limits={LIMITS.postcodeDigit}
        isAllowed={(high) => high >= postcode.low}
        onCommit={(high) => high !== undefined && set(postcode.low, high)}
      />
    </>
  )
}
