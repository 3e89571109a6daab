// The process's one logger, made before the database and the app so both log through it.
import pino, { type Logger } from 'pino'

// Credentials never reach a log line, whatever logs them.
const REDACT = ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]']

export function createLogger(level: string, stream?: { write: (line: string) => void }): Logger {
  return stream ? pino({ level, redact: REDACT }, stream) : pino({ level, redact: REDACT })
}
