// Screenshots of the main screens on the demo workspace, for the README.
// Usage: node scripts/screenshots.ts  (needs Chromium: apt-get install -y chromium)
import { mkdirSync } from 'node:fs'
import { DEMO, startE2e } from '../packages/web/e2e/harness.ts'

const OUT = new URL('../docs/screenshots/', import.meta.url)
mkdirSync(OUT, { recursive: true })

const e2e = await startE2e({ leads: 600 })
try {
  const shot = async (name: string) => {
    console.log(`docs/screenshots/${name}.png`)
  }
  const manager = await e2e.signIn(DEMO.manager)
  const inbox = await e2e.api('GET', '/api/v1/leads?stage=mql&limit=50', e2e.keys.read)
  // The inbox of the rep with the most waiting MQLs shows the most.
  const counts = new Map<string, number>()
  for (const lead of inbox.body.items as Array<{ ownerId: string | null }>) {
    if (lead.ownerId) counts.set(lead.ownerId, (counts.get(lead.ownerId) ?? 0) + 1)
  }
  const busiest = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0]
  const rep = busiest
    ? (
        await e2e.api(
          'GET',
          `/api/v1/leads/${inbox.body.items.find((lead: { ownerId: string }) => lead.ownerId === busiest).id}`,
          e2e.keys.read,
        )
      ).body.owner.email
    : DEMO.rep
  const repPage = await e2e.signIn(rep)
  await repPage.getByTestId('inbox-list').waitFor()
  await repPage.screenshot({ path: new URL('inbox.png', OUT).pathname })
  await shot('inbox')

  const customer = await e2e.api('GET', '/api/v1/leads?stage=opportunity&limit=1', e2e.keys.read)
  const leadId = customer.body.items[0]?.id ?? inbox.body.items[0].id
  await manager.goto(`${e2e.baseUrl}/leads/${leadId}`)
  await manager.waitForLoadState('networkidle')
  await manager.screenshot({ path: new URL('lead.png', OUT).pathname, fullPage: true })
  await shot('lead')

  await manager.goto(`${e2e.baseUrl}/board`)
  await manager.waitForLoadState('networkidle')
  await manager.screenshot({ path: new URL('board.png', OUT).pathname })
  await shot('board')

  await manager.goto(`${e2e.baseUrl}/agreement`)
  await manager.waitForLoadState('networkidle')
  await manager.screenshot({ path: new URL('agreement.png', OUT).pathname })
  await shot('agreement')
} finally {
  await e2e.close()
}
