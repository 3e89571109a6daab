// The demo agreement staffed with a test workspace's people (sales, sales2, manager, admin), so routing
// hands the tests' hand-raisers to reps that exist in the workspace.
export function staffWithTestReps(source: string, maxOpenLeadsPerRep: number): string {
  return source
    .replace('[jonas.becker@demo.takt.dev, anna.schulz@demo.takt.dev]', '[sales@acme.test, sales2@acme.test]')
    .replace('[lukas.maier@demo.takt.dev, sophie.huber@demo.takt.dev]', '[manager@acme.test]')
    .replaceAll('lead: martina.wolf@demo.takt.dev', 'lead: admin@acme.test')
    .replace('maxOpenLeadsPerRep: 25', `maxOpenLeadsPerRep: ${maxOpenLeadsPerRep}`)
}
