// Dependency audit for CI: fails on high or critical advisories unless audit-exceptions.json names them
// with a reason. Where the registry offers no advisory service (as on the build machines here), it
// says so plainly and does not pretend to have checked anything.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

type Advisory = { source?: number; url?: string; title?: string; severity?: string }
type Report = {
  vulnerabilities?: Record<string, { severity: string; via: Array<Advisory | string> }>
  statusCode?: number
  message?: string
}

const exceptions = JSON.parse(readFileSync(new URL('../audit-exceptions.json', import.meta.url), 'utf8')) as {
  exceptions: Array<{ advisory: string; reason: string }>
}
const allowed = new Set(exceptions.exceptions.map((exception) => exception.advisory))

let output: string
try {
  output = execFileSync('npm', ['audit', '--json', '--audit-level=high'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  })
} catch (error) {
  // npm exits non-zero both for findings and for an unreachable service; the JSON tells which.
  output = (error as { stdout?: string }).stdout ?? ''
}
let report: Report
try {
  report = JSON.parse(output) as Report
} catch {
  console.log('dependency audit: npm gave no report; not checked')
  process.exit(0)
}
if (report.statusCode !== undefined || (report.message && !report.vulnerabilities)) {
  console.log(
    `dependency audit: the registry's advisory service is not available here (${report.message ?? report.statusCode}); not checked`,
  )
  process.exit(0)
}
const findings = Object.entries(report.vulnerabilities ?? {}).flatMap(([name, entry]) =>
  ['high', 'critical'].includes(entry.severity)
    ? entry.via
        .filter((via): via is Advisory => typeof via === 'object')
        .map((via) => ({ name, url: via.url ?? '', title: via.title ?? '' }))
    : [],
)
const blocking = findings.filter((finding) => !allowed.has(finding.url))
for (const finding of findings)
  console.log(
    `${allowed.has(finding.url) ? 'excepted' : 'BLOCKING'} ${finding.name}: ${finding.title} ${finding.url}`,
  )
console.log(`dependency audit: ${findings.length} high/critical advisories, ${blocking.length} not excepted`)
process.exit(blocking.length > 0 ? 1 : 0)
