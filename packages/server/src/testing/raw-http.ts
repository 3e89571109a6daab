// HTTP/1.1 requests written byte by byte over a socket, for what fetch cannot send: invalid UTF-8,
// a 64 KB header, a Content-Length that is never met, a head or body that never finishes.
import net from 'node:net'

export type RawRequest = {
  method: string
  /** path and query, sent as given (no encoding) */
  path: string
  headers?: Record<string, string>
  /** the body's bytes; a string is sent as UTF-8 */
  body?: string | Uint8Array
  /** Content-Length to announce instead of the body's own length (a body that never finishes) */
  declaredLength?: number
  /** stop after this many bytes of the head (headers that never finish) */
  cutHeadAt?: number
}

export type RawResponse = {
  status: number
  headers: Record<string, string>
  text: string
  /** the body parsed as JSON, or undefined when it is not JSON */
  // Test bodies are read loosely; each test asserts the fields it cares about.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any
}

/** Sends one request on a fresh connection and reads until the server closes it. */
export async function sendRaw(baseUrl: string, request: RawRequest): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl)
  const body = typeof request.body === 'string' ? Buffer.from(request.body, 'utf8') : request.body
  const headers: Record<string, string> = {
    host: `${hostname}:${port}`,
    connection: 'close',
    ...request.headers,
  }
  if (body !== undefined || request.declaredLength !== undefined)
    headers['content-length'] = String(request.declaredLength ?? body!.length)
  const head = Buffer.from(
    `${request.method} ${request.path} HTTP/1.1\r\n` +
      Object.entries(headers)
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join('') +
      '\r\n',
    'latin1',
  )
  const bytes =
    request.cutHeadAt === undefined
      ? Buffer.concat([head, body ?? Buffer.alloc(0)])
      : head.subarray(0, request.cutHeadAt)
  const received = await new Promise<Buffer>((resolve) => {
    const chunks: Buffer[] = []
    const socket = net.connect(Number(port), hostname)
    socket.on('data', (chunk) => chunks.push(chunk))
    // A server that refuses early may reset while we still write; what it answered is still read.
    socket.on('error', () => {})
    socket.on('close', () => resolve(Buffer.concat(chunks)))
    // A server that never answers fails the test instead of hanging it.
    socket.setTimeout(15_000, () => socket.destroy())
    socket.write(bytes)
  })
  return parseResponse(received)
}

function parseResponse(received: Buffer): RawResponse {
  const end = received.indexOf('\r\n\r\n')
  if (end < 0)
    throw new Error(`no HTTP response, got ${JSON.stringify(received.toString('latin1').slice(0, 200))}`)
  const [statusLine, ...lines] = received.subarray(0, end).toString('latin1').split('\r\n')
  const headers = Object.fromEntries(
    lines.map((line) => {
      const colon = line.indexOf(':')
      return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()]
    }),
  )
  let payload = received.subarray(end + 4)
  if (headers['transfer-encoding'] === 'chunked') payload = dechunk(payload)
  const text = payload.toString('utf8')
  let body: unknown
  try {
    body = text ? JSON.parse(text) : undefined
  } catch {
    body = undefined
  }
  return { status: Number(statusLine!.split(' ')[1]), headers, text, body }
}

function dechunk(payload: Buffer): Buffer {
  const parts: Buffer[] = []
  let at = 0
  for (;;) {
    const lineEnd = payload.indexOf('\r\n', at)
    if (lineEnd < 0) return Buffer.concat(parts)
    const size = parseInt(payload.subarray(at, lineEnd).toString('latin1'), 16)
    if (!(size > 0)) return Buffer.concat(parts)
    parts.push(payload.subarray(lineEnd + 2, lineEnd + 2 + size))
    at = lineEnd + 2 + size + 2
  }
}
