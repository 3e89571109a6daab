// A workspace's slug is what people type to sign in and what appears in links, so it stays short,
// lower-case and free of characters a URL or a shell would need to escape.

/** Lower-case letters, digits and inner hyphens, 2 to 63 characters (a DNS label, so it can become a subdomain). */
export const WORKSPACE_SLUG_PATTERN = '^[a-z0-9][a-z0-9-]{0,61}[a-z0-9]$'

const SLUG = new RegExp(WORKSPACE_SLUG_PATTERN)

/**
 * Whether `text` can be a workspace slug as it stands (no case folding).
 * @example
 * isWorkspaceSlug('acme-gmbh') // true
 * isWorkspaceSlug('Acme GmbH') // false
 */
export function isWorkspaceSlug(text: string): boolean {
  return SLUG.test(text)
}
