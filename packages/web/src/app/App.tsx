// Routes and providers. Signed-out visitors see the sign-in page; everything else sits in the shell.
import { lazy, Suspense } from 'react'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { BrowserRouter, Navigate, Route, Routes } from 'react-router'
import '../i18n/i18n.ts'
import { SessionProvider, useSessionQuery } from '../session/session.tsx'
import { SignInPage } from '../pages/SignInPage.tsx'
import { Shell } from './Shell.tsx'
import { InboxPage } from '../pages/inbox/InboxPage.tsx'
import { FullPageMessage, Loading } from '../components/States.tsx'

// The inbox comes with the first load; the other screens load when first opened.
const LeadPage = lazy(async () => ({ default: (await import('../pages/lead/LeadPage.tsx')).LeadPage }))
const BoardPage = lazy(async () => ({ default: (await import('../pages/board/BoardPage.tsx')).BoardPage }))
const AgreementPage = lazy(async () => ({
  default: (await import('../pages/agreement/AgreementPage.tsx')).AgreementPage,
}))
const VersionPage = lazy(async () => ({
  default: (await import('../pages/agreement/version/VersionPage.tsx')).VersionPage,
}))
const HomePage = lazy(async () => ({ default: (await import('../pages/home/HomePage.tsx')).HomePage }))
const MyWorkPage = lazy(async () => ({ default: (await import('../pages/work/MyWorkPage.tsx')).MyWorkPage }))
const SettingsPage = lazy(async () => ({
  default: (await import('../pages/settings/SettingsPage.tsx')).SettingsPage,
}))
const ReportsPage = lazy(async () => ({
  default: (await import('../pages/reports/ReportsPage.tsx')).ReportsPage,
}))
const ReportPage = lazy(async () => ({
  default: (await import('../pages/reports/ReportPage.tsx')).ReportPage,
}))
const ContentGapsPage = lazy(async () => ({
  default: (await import('../pages/reports/content-gaps/ContentGapsPage.tsx')).ContentGapsPage,
}))
const ModelPage = lazy(async () => ({ default: (await import('../pages/model/ModelPage.tsx')).ModelPage }))

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: true, staleTime: 15_000 } },
})

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <Screens />
      </BrowserRouter>
    </QueryClientProvider>
  )
}

function Screens() {
  const session = useSessionQuery()
  if (session.isPending) return <FullPageMessage kind="loading" />
  if (session.isError) return <FullPageMessage kind="error" error={session.error} />
  if (!session.data) return <SignInPage />
  // Everyone starts on their home page, which shows what their role needs first.
  const home = '/home'
  return (
    <SessionProvider session={session.data}>
      <Routes>
        <Route element={<Shell />}>
          <Route path="/" element={<Navigate to={home} replace />} />
          <Route path="/home" element={<Lazy screen={<HomePage />} />} />
          <Route path="/inbox" element={<InboxPage />} />
          <Route path="/work" element={<Lazy screen={<MyWorkPage />} />} />
          <Route path="/leads/:id" element={<Lazy screen={<LeadPage />} />} />
          <Route path="/board" element={<Lazy screen={<BoardPage />} />} />
          <Route path="/agreement" element={<Lazy screen={<AgreementPage />} />} />
          <Route path="/agreement/versions/:version" element={<Lazy screen={<VersionPage />} />} />
          <Route path="/reports" element={<Lazy screen={<ReportsPage />} />} />
          {/* Named paths rank before /reports/:name: these two read their own endpoints. */}
          <Route path="/reports/content-gaps" element={<Lazy screen={<ContentGapsPage />} />} />
          <Route path="/reports/model" element={<Lazy screen={<ModelPage />} />} />
          <Route path="/reports/:name" element={<Lazy screen={<ReportPage />} />} />
          <Route path="/settings/*" element={<Lazy screen={<SettingsPage />} />} />
          <Route path="*" element={<Navigate to={home} replace />} />
        </Route>
      </Routes>
    </SessionProvider>
  )
}

function Lazy({ screen }: { screen: React.ReactNode }) {
  return <Suspense fallback={<Loading rows={4} />}>{screen}</Suspense>
}
