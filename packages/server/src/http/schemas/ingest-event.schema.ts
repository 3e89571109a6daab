// POST /api/v1/events on the wire. The touchpoint and result schemas belong to the ingestion use case
// (services/ingest-contract.ts); this adds the envelope the route enforces and the body it publishes.
import { Type } from 'typebox'
import { IngestEventSchema, MAX_BATCH } from '../../services/ingest-contract.ts'

export {
  IngestEventSchema,
  IngestResultSchema,
  IngestQueuedResultSchema,
  IngestQueueStatusSchema,
} from '../../services/ingest-contract.ts'

// What the document publishes: the full item schema. What the route enforces on the whole body is only
// the envelope (IngestEnvelopeSchema): items are checked one by one, so a bad one does not sink the batch.
export const IngestBodySchema = Type.Object({
  events: Type.Array(IngestEventSchema, {
    minItems: 1,
    maxItems: MAX_BATCH,
    description: 'touchpoints; each validated on its own',
  }),
})

export const IngestEnvelopeSchema = Type.Object({
  events: Type.Array(Type.Unknown(), { minItems: 1, maxItems: MAX_BATCH }),
})
