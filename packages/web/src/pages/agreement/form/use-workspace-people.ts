// The people a team can name. Admins list the workspace's users; everyone else the sales reps (GET /reps,
// readable by all who read the workspace). Where neither answers, the form asks for e-mail addresses, as
// the YAML stores them anyway.
import { useQuery } from '@tanstack/react-query'
import { api, ApiProblem, unwrap } from '../../../api/client.ts'

export type Person = { email: string; name: string; role: string }

export function useWorkspacePeople() {
  return useQuery({
    queryKey: ['agreementForm', 'people'],
    queryFn: async (): Promise<Person[]> => {
      const people = await listUsers().catch(async (error: unknown) => {
        if (error instanceof ApiProblem && error.status === 403) return listReps()
        throw error
      })
      return people.toSorted((a, b) => a.name.localeCompare(b.name, 'de'))
    },
    retry: false,
    staleTime: 5 * 60_000,
  })
}

async function listUsers(): Promise<Person[]> {
  const users = await unwrap(api.GET('/api/v1/users'))
  return users.filter((user) => !user.disabled).map(({ email, name, role }) => ({ email, name, role }))
}

async function listReps(): Promise<Person[]> {
  const reps = await unwrap(api.GET('/api/v1/reps'))
  return reps.items.map(({ email, name, role }) => ({ email, name, role }))
}
