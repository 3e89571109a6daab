// Entry of the `takt` command line. Node's compile cache is switched on before anything else is loaded:
// parsing and compiling the server's modules is most of a start, and a restart after a crash should be
// quick. The cache lives in the system's temporary folder; where it cannot be written, Node goes without.
import { enableCompileCache } from 'node:module'

enableCompileCache()
await import('./program.ts')
