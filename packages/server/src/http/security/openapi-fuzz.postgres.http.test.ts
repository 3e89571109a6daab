import { TEST_DIALECTS } from '../../testing/test-database.ts'
import { describeOpenApiFuzz } from './openapi-fuzz.ts'

// Runs where the suite has a PostgreSQL server (DATABASE_URL), as every PostgreSQL test does.
if (TEST_DIALECTS.includes('postgres')) describeOpenApiFuzz('postgres')
