// Text PostgreSQL cannot store: NUL characters and unpaired UTF-16 surrogates.
export type UnsafeString = { path: string; message: string }

/** Every string (keys included) in a JSON value that PostgreSQL could not store, with its path. */
export function unsafeStrings(value: unknown, path: string, found: UnsafeString[] = [], depth = 0) {
  if (found.length >= 10 || depth > 64) return found
  if (typeof value === 'string') {
    if (value.includes('\u0000')) found.push({ path, message: 'must not contain NUL characters' })
    else if (!value.isWellFormed())
      found.push({ path, message: 'must be well-formed Unicode (no unpaired surrogates)' })
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => unsafeStrings(item, `${path}/${index}`, found, depth + 1))
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      unsafeStrings(key, `${path}/${key}`, found, depth + 1)
      unsafeStrings(item, `${path}/${key}`, found, depth + 1)
    }
  }
  return found
}
