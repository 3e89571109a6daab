// Who a lead is, merged from the lead fields its touchpoints carried (latest occurrence wins).
export type CompanyFields = {
  name?: string
  domain?: string
  industry?: string
  employees?: number
  country?: string
  postcode?: string
  region?: string
}

export type LeadFields = {
  email: string
  firstName?: string
  lastName?: string
  title?: string
  phone?: string
  country?: string
  company?: CompanyFields
  custom?: Record<string, string | number | boolean>
}

export type LeadProfile = LeadFields & { lane?: string; source?: string }

export type FieldValue = string | number | boolean | undefined

/** Reads a field path such as `title`, `email.domain`, `company.employees` or `custom.plan`. */
export function readField(profile: LeadProfile, path: string): FieldValue {
  switch (path) {
    case 'email':
      return profile.email
    case 'email.domain':
      return emailDomain(profile.email)
    case 'firstName':
    case 'lastName':
    case 'title':
    case 'phone':
    case 'country':
    case 'lane':
    case 'source':
      return profile[path]
  }
  if (path.startsWith('company.')) {
    const key = path.slice('company.'.length) as keyof CompanyFields
    return profile.company?.[key]
  }
  if (path.startsWith('custom.')) return profile.custom?.[path.slice('custom.'.length)]
  return undefined
}

export function emailDomain(email: string): string {
  const at = email.lastIndexOf('@')
  return at < 0 ? '' : email.slice(at + 1).toLowerCase()
}

/** Later fields overwrite earlier ones; absent fields keep what was known. */
export function mergeLeadFields(profile: LeadProfile, fields: Partial<LeadFields>): LeadProfile {
  const merged: LeadProfile = { ...profile }
  for (const key of ['firstName', 'lastName', 'title', 'phone', 'country'] as const) {
    const value = fields[key]
    if (value !== undefined && value !== '') merged[key] = value
  }
  if (fields.company) merged.company = { ...profile.company, ...stripEmpty(fields.company) }
  if (fields.custom) merged.custom = { ...profile.custom, ...fields.custom }
  return merged
}

function stripEmpty<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined && v !== ''),
  ) as Partial<T>
}
