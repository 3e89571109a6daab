import { describeOpenApiFuzz } from './openapi-fuzz.ts'

describeOpenApiFuzz('pglite')
