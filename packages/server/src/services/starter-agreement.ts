// The agreement a new workspace starts with (core/agreement/fixtures/b2b-starter.yaml), in the
// workspace's time zone and with its first admin as the sales team's lead.
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { isMap, isScalar, parseDocument, stringify, type Node } from 'yaml'

export const STARTER_AGREEMENT_PATH = fileURLToPath(
  new URL('../../../core/src/agreement/fixtures/b2b-starter.yaml', import.meta.url),
)

export async function starterAgreementText(options: { timezone: string; teamLead?: string }) {
  return adaptStarterAgreement(await readFile(STARTER_AGREEMENT_PATH, 'utf8'), options)
}

// Edits the text in place rather than re-serialising the parsed document: people read and edit this
// YAML, and a round trip through the serialiser would re-wrap every list and re-indent every comment.
export function adaptStarterAgreement(text: string, options: { timezone: string; teamLead?: string }) {
  const document = parseDocument(text)
  const edits: Array<{ from: number; to: number; text: string }> = []
  for (const node of [
    document.get('timezone', true),
    document.getIn(['sla', 'businessHours', 'timezone'], true),
  ]) {
    assert.ok(isScalar(node) && node.range, 'the starter agreement names its time zones')
    edits.push({ from: node.range[0], to: node.range[1], text: scalar(options.timezone) })
  }
  if (options.teamLead !== undefined) {
    const team = document.getIn(['routing', 'teams', 0], true)
    assert.ok(isMap(team) && !team.has('lead'), 'the starter agreement has one team without a lead')
    const members = team.items.find((pair) => isScalar(pair.key) && pair.key.value === 'members')
    const key = members?.key as Node | undefined
    const value = members?.value as Node | undefined
    assert.ok(key?.range && value?.range, 'the starter team lists its members')
    const indent = key.range[0] - (text.lastIndexOf('\n', key.range[0]) + 1)
    const end = value.range[1]
    edits.push({ from: end, to: end, text: `\n${' '.repeat(indent)}lead: ${scalar(options.teamLead)}` })
  }
  return edits
    .sort((a, b) => b.from - a.from)
    .reduce((result, edit) => result.slice(0, edit.from) + edit.text + result.slice(edit.to), text)
}

function scalar(value: string): string {
  return stringify(value).trimEnd()
}
