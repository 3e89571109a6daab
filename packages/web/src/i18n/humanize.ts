// The last resort for an id no catalogue or agreement labels: "automotive_zulieferer" → "Automotive zulieferer".
export function humanize(id: string): string {
  const words = id.replace(/^custom\./, '').replaceAll(/[_.-]+/g, ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}
