// The bounds of the numbers the form edits and the choices it offers, as the agreement's JSON schema sets
// them (a test holds the two together). Kept here rather than imported from the core's schema module, so
// the web bundle does not carry TypeBox.
export type NumberLimits = {
  min?: number
  max?: number
  /** the value must be greater than `min`, not equal to it */
  exclusiveMin?: boolean
  integer?: boolean
}

export const LIMITS = {
  threshold: {},
  points: {},
  halfLifeDays: { min: 0, exclusiveMin: true, max: 3650 },
  capPoints: { min: 0, exclusiveMin: true },
  capCount: { min: 1, integer: true },
  coolDownDays: { min: 0, max: 3650 },
  acceptWithinBusinessHours: { min: 0, exclusiveMin: true, max: 1000 },
  staleAfterBusinessDays: { min: 1, max: 90, integer: true },
  breachAfterBusinessHours: { min: 0, exclusiveMin: true },
  maxOpenLeadsPerRep: { min: 1, integer: true },
  postcodeDigit: { min: 0, max: 9, integer: true },
} as const satisfies Record<string, NumberLimits>

/** Whether `value` is allowed; the form writes only numbers that are. */
export function isWithin(value: number, limits: NumberLimits): boolean {
  if (!Number.isFinite(value)) return false
  if (limits.integer && !Number.isInteger(value)) return false
  if (limits.min !== undefined && (limits.exclusiveMin ? value <= limits.min : value < limits.min))
    return false
  return limits.max === undefined || value <= limits.max
}

export const CAP_PERIODS = ['day', 'week', 'month', 'ever'] as const
export const RECYCLE_ACTIONS = ['nurture', 'data_quality', 'disqualify'] as const
