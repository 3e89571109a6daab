// Leads no rep could take (capacity, absence): they wait per team, ripest and longest-waiting first.
import { useTranslation } from 'react-i18next'
import { useQuery } from '@tanstack/react-query'
import { Link } from 'react-router'
import { api, unwrap } from '../../api/client.ts'
import { useFormat } from '../../hooks/format.ts'
import { ErrorMessage, Loading } from '../../components/States.tsx'

export function TeamQueue() {
  const { t, i18n } = useTranslation('inbox')
  const format = useFormat()
  const language = i18n.language === 'en' ? 'en' : 'de'
  const queues = useQuery({
    queryKey: ['team-queues'],
    queryFn: () => unwrap(api.GET('/api/v1/team-queues')),
    refetchInterval: 60_000,
  })
  const waiting = queues.data?.teams.filter((team) => team.leads.length > 0) ?? []
  return (
    <section className="team-queue" aria-labelledby="team-queue-title">
      <h2 id="team-queue-title">{t('queue.title')}</h2>
      {queues.isPending ? (
        <Loading rows={2} />
      ) : queues.isError ? (
        <ErrorMessage error={queues.error} />
      ) : waiting.length === 0 ? (
        <p className="muted">{t('queue.empty')}</p>
      ) : (
        waiting.map((team) => (
          <div key={team.team} className="queue-team">
            <h3>
              {team.label[language]} <span className="count">{team.leads.length}</span>
            </h3>
            <div className="table-scroll">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t('queue.lead')}</th>
                    <th scope="col">{t('common:score.fitShort')}</th>
                    <th scope="col">{t('common:score.engagementShort')}</th>
                    <th scope="col">{t('queue.waiting')}</th>
                  </tr>
                </thead>
                <tbody>
                  {team.leads.map((lead) => (
                    <tr key={lead.id}>
                      <td>
                        <Link to={`/leads/${lead.id}`}>{lead.name ?? lead.email}</Link>
                        {lead.companyName && <span className="muted"> · {lead.companyName}</span>}
                      </td>
                      <td>{format.score(lead.fit)}</td>
                      <td>{format.score(lead.engagement)}</td>
                      <td>
                        {lead.waitingBusinessHours === null
                          ? '–'
                          : format.businessHours(lead.waitingBusinessHours)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        ))
      )}
    </section>
  )
}
