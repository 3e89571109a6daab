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
  return fieldReader(path)(profile)
}

/**
 * `readField` for one path, resolved once: a compiled condition reads its field at every change of a
 * lead's fields, and slicing the key out of the path each time cost more than the read.
 */
export function fieldReader(path: string): (profile: LeadProfile) => FieldValue {
  switch (path) {
    case 'email':
      return (profile) => profile.email
    case 'email.domain': {
      // Asked by several rules of the same lead in a row.
      let email: string | undefined
      let domain = ''
      return (profile) => {
        if (profile.email !== email) domain = emailDomain((email = profile.email))
        return domain
      }
    }
    case 'firstName':
    case 'lastName':
    case 'title':
    case 'phone':
    case 'country':
    case 'lane':
    case 'source':
      return (profile) => profile[path]
  }
  if (path.startsWith('company.')) {
    const key = path.slice('company.'.length) as keyof CompanyFields
    return (profile) => profile.company?.[key]
  }
  if (path.startsWith('custom.')) {
    const key = path.slice('custom.'.length)
    return (profile) => profile.custom?.[key]
  }
  return () => undefined
}

export function emailDomain(email: string): string {
  const at = email.lastIndexOf('@')
  return at < 0 ? '' : email.slice(at + 1).toLowerCase()
}

/** Later fields overwrite earlier ones; absent fields keep what was known. */
export function mergeLeadFields(profile: LeadProfile, fields: Partial<LeadFields>): LeadProfile {
  const merged: LeadProfile = { ...profile }
  // Named writes (in the order a merge always made them): a loop over the keys reads them by name
  // from objects of many shapes, which cost more than the merge.
  if (isFilled(fields.firstName)) merged.firstName = fields.firstName
  if (isFilled(fields.lastName)) merged.lastName = fields.lastName
  if (isFilled(fields.title)) merged.title = fields.title
  if (isFilled(fields.phone)) merged.phone = fields.phone
  if (isFilled(fields.country)) merged.country = fields.country
  // One spread where there is nothing to merge into: two in one literal take a slower path.
  if (fields.company)
    merged.company = profile.company
      ? { ...profile.company, ...stripEmpty(fields.company) }
      : { ...stripEmpty(fields.company) }
  if (fields.custom) merged.custom = { ...profile.custom, ...fields.custom }
  return merged
}

/**
 * Whether `mergeLeadFields(profile, fields)` would hold anything `profile` does not, answered without
 * merging: most touchpoints repeat fields the lead already has, and a fold asks at every touchpoint.
 */
export function isNewToProfile(fields: Partial<LeadFields>, profile: LeadProfile): boolean {
  // Asked for every touchpoint, most of which carry the e-mail alone.
  if (
    isNewValue(fields.firstName, profile.firstName) ||
    isNewValue(fields.lastName, profile.lastName) ||
    isNewValue(fields.title, profile.title) ||
    isNewValue(fields.phone, profile.phone) ||
    isNewValue(fields.country, profile.country)
  )
    return true
  if (fields.company) {
    // Even an empty company adds one to a profile without.
    const company = profile.company as Record<string, unknown> | undefined
    if (!company) return true
    for (const [key, value] of Object.entries(fields.company)) {
      if (value !== undefined && value !== '' && (!Object.hasOwn(company, key) || company[key] !== value))
        return true
    }
  }
  if (fields.custom) {
    const custom = profile.custom
    if (!custom) return true
    for (const [key, value] of Object.entries(fields.custom)) {
      if (!Object.hasOwn(custom, key) || custom[key] !== value) return true
    }
  }
  return false
}

function isFilled(value: string | undefined): value is string {
  return value !== undefined && value !== ''
}

function isNewValue(value: string | undefined, known: string | undefined): boolean {
  return isFilled(value) && value !== known
}

function stripEmpty<T extends object>(value: T): Partial<T> {
  // Nearly every company arrives without empty fields: spread as it is, the same as a stripped copy.
  let empty = false
  for (const field of Object.values(value)) empty ||= field === undefined || field === ''
  if (!empty) return value
  return Object.fromEntries(
    Object.entries(value).filter(([, field]) => field !== undefined && field !== ''),
  ) as Partial<T>
}
