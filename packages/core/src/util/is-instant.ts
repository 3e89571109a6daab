/** An RFC 3339 date-time that also names a real instant (a leap second such as 23:59:60 does not). */
export function isInstant(text: string): boolean {
  return (
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(text) &&
    Number.isFinite(Date.parse(text))
  )
}
