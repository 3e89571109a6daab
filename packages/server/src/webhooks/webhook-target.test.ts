import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { request } from 'undici'
import { checkWebhookTarget, guardedDispatcher, isPublicAddress, parseWebhookUrl } from './webhook-target.ts'

describe('isPublicAddress', () => {
  const cases: [string, boolean][] = [
    // IPv4
    ['8.8.8.8', true],
    ['93.184.215.14', true],
    ['127.0.0.1', false],
    ['127.255.255.254', false],
    ['10.0.0.1', false],
    ['172.16.0.1', false],
    ['172.31.255.255', false],
    ['172.32.0.1', true],
    ['192.168.1.1', false],
    ['169.254.169.254', false],
    ['100.64.0.1', false],
    ['100.127.255.255', false],
    ['0.0.0.0', false],
    ['255.255.255.255', false],
    ['224.0.0.1', false],
    ['240.0.0.1', false],
    ['192.0.2.1', false],
    ['198.18.0.1', false],
    // IPv6
    ['2606:4700:4700::1111', true],
    ['2a00:1450:4001:82b::200e', true],
    ['::1', false],
    ['::', false],
    ['fc00::1', false],
    ['fd12:3456:789a::1', false],
    ['fe80::1', false],
    ['fe80::1%eth0', false],
    ['ff02::1', false],
    ['2001:db8::1', false],
    ['100::1', false],
    // IPv4 reached through IPv6
    ['::ffff:127.0.0.1', false],
    ['::ffff:7f00:1', false],
    ['::ffff:10.0.0.1', false],
    ['::ffff:169.254.169.254', false],
    ['::ffff:192.168.0.1', false],
    ['::ffff:8.8.8.8', true],
    ['::ffff:0:127.0.0.1', false],
    ['64:ff9b::127.0.0.1', false],
    ['64:ff9b::8.8.8.8', true],
    ['::127.0.0.1', false],
    // Not an address in canonical form
    ['127.1', false],
    ['0x7f.0.0.1', false],
    ['localhost', false],
    ['', false],
  ]
  for (const [address, expected] of cases) {
    test(`${expected ? 'accepts' : 'refuses'} ${JSON.stringify(address)}`, () => {
      assert.equal(isPublicAddress(address), expected)
    })
  }
})

describe('parseWebhookUrl', () => {
  test('accepts an absolute https or http URL with port, path and query', () => {
    for (const raw of ['https://hooks.example.com/takt?team=sales', 'http://example.com:8080/hook']) {
      const parsed = parseWebhookUrl(raw)
      assert.ok(parsed.ok)
      assert.equal(parsed.url.href, raw)
    }
  })

  const problems: [string, string, RegExp][] = [
    ['ftp', 'ftp://example.com/hook', /https:\/\/ or http:\/\//],
    ['javascript', 'javascript:alert(1)', /https:\/\/ or http:\/\//],
    ['file', 'file:///etc/passwd', /https:\/\/ or http:\/\//],
    ['a relative path', '/hooks/takt', /full address/],
    ['a host without scheme', 'example.com/hook', /full address/],
    ['a user name and password', 'https://user:secret@example.com/hook', /user name or password/],
    ['a user name only', 'https://user@example.com/hook', /user name or password/],
    ['a fragment', 'https://example.com/hook#part', /fragment/],
    ['an empty fragment', 'https://example.com/hook#', /fragment/],
    ['too many characters', `https://example.com/${'a'.repeat(2000)}`, /longer than 2000/],
  ]
  for (const [name, raw, problem] of problems) {
    test(`refuses ${name}`, () => {
      const parsed = parseWebhookUrl(raw)
      assert.equal(parsed.ok, false)
      if (!parsed.ok) assert.match(parsed.problem, problem)
    })
  }
})

describe('checkWebhookTarget', () => {
  const deny = { allowPrivate: false }
  const allow = { allowPrivate: true }

  test('refuses loopback literals and localhost', async () => {
    for (const raw of [
      'http://127.0.0.1:8080/hook',
      'http://[::1]:8080/hook',
      'http://localhost:8080/hook',
    ]) {
      const check = await checkWebhookTarget(new URL(raw), deny)
      assert.equal(check.ok, false, raw)
      if (!check.ok) assert.match(check.problem, /not a public address/)
    }
  })

  test('refuses the cloud metadata address written as a mapped IPv6 literal', async () => {
    const check = await checkWebhookTarget(new URL('http://[::ffff:169.254.169.254]/latest'), deny)
    assert.deepEqual(check, { ok: false, problem: '::ffff:a9fe:a9fe is not a public address.' })
  })

  test('accepts loopback when private targets are allowed', async () => {
    for (const raw of ['http://127.0.0.1:8080/hook', 'http://localhost:8080/hook']) {
      assert.deepEqual(await checkWebhookTarget(new URL(raw), allow), { ok: true })
    }
  })

  test('accepts a public IP literal without a lookup', async () => {
    assert.deepEqual(await checkWebhookTarget(new URL('https://8.8.8.8/hook'), deny), { ok: true })
  })

  test('refuses a host that does not resolve, even when private targets are allowed', async () => {
    const check = await checkWebhookTarget(new URL('https://no-such-host.invalid/hook'), allow)
    assert.deepEqual(check, { ok: false, problem: 'The host no-such-host.invalid could not be resolved.' })
  })
})

describe('guardedDispatcher', () => {
  test('checks the addresses when it connects, so a name that now points inside gets no request', async (t) => {
    let requests = 0
    const server = createServer((_req, res) => {
      requests++
      res.end('ok')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    t.after(() => server.close())
    const port = (server.address() as AddressInfo).port
    const guarded = guardedDispatcher({ allowPrivate: false }, 2000)
    // localhost stands for a public name that was checked and then rebound to a private address.
    for (const url of [
      `http://localhost:${port}/`,
      `http://127.0.0.1:${port}/`,
      `http://[::ffff:127.0.0.1]:${port}/`,
    ]) {
      await assert.rejects(request(url, { method: 'POST', dispatcher: guarded }), {
        code: 'ERR_WEBHOOK_TARGET_REFUSED',
        message: /not a public address/,
      })
    }
    assert.equal(requests, 0)
    const open = guardedDispatcher({ allowPrivate: true }, 2000)
    const response = await request(`http://localhost:${port}/`, { method: 'POST', dispatcher: open })
    assert.equal(await response.body.text(), 'ok')
    assert.equal(requests, 1)
  })

  test('keeps one agent per policy and timeout', () => {
    assert.equal(
      guardedDispatcher({ allowPrivate: false }, 2000),
      guardedDispatcher({ allowPrivate: false }, 2000),
    )
    assert.notEqual(
      guardedDispatcher({ allowPrivate: false }, 2000),
      guardedDispatcher({ allowPrivate: true }, 2000),
    )
    assert.notEqual(
      guardedDispatcher({ allowPrivate: false }, 2000),
      guardedDispatcher({ allowPrivate: false }, 500),
    )
  })
})
