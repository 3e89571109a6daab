// A demo request from a German manufacturer: the quickest way for a test to make an MQL that routing
// hands to a rep (the demo agreement's territories split Germany by postcode).
export function handRaiser(id: string, email: string, options: { occurredAt: string; postcode?: string }) {
  const domain = email.split('@')[1]!
  return {
    id,
    type: 'demo_request',
    occurredAt: options.occurredAt,
    source: 'website',
    contentId: 'demo',
    lead: {
      email,
      title: 'Werkleiter',
      company: {
        domain,
        industry: 'maschinenbau',
        employees: 400,
        country: 'DE',
        postcode: options.postcode ?? '20095',
      },
    },
  }
}
