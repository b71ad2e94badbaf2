import { lazy, Suspense } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCNLocale from 'antd/es/locale/zh_CN';
import enUSLocale from 'antd/es/locale/en_US';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { ApiError } from './api/client';
import { I18nProvider, useI18n } from './i18n/I18nProvider';
import { UnauthorizedRedirect } from './components/UnauthorizedRedirect';
import { RequireSession } from './components/RequireSession';
import { RequirePermission } from './components/RequirePermission';
import { AppLayout } from './components/AppLayout';
import { PageSpin } from './components/PageSpin';
import { LoginPage } from './pages/login/LoginPage';
import { Landing } from './pages/supervision/Landing';

const OrgPage = lazy(() => import('./pages/org/OrgPage'));
const UsersPage = lazy(() => import('./pages/users/UsersPage'));
const AuditPage = lazy(() => import('./pages/audit/AuditPage'));
const SessionsPage = lazy(() => import('./pages/sessions/SessionsPage'));
const PasswordPage = lazy(() => import('./pages/password/PasswordPage'));
const PersonsPage = lazy(() => import('./pages/persons/PersonsPage'));
const PersonPage = lazy(() => import('./pages/person/PersonPage'));
const ImportPage = lazy(() => import('./pages/import/ImportPage'));
const TodayPage = lazy(() => import('./pages/supervision/TodayPage'));
const NoticesPage = lazy(() => import('./pages/supervision/NoticesPage'));
const PreventionPage = lazy(() => import('./pages/prevention/PreventionPage'));
const GovOpsPage = lazy(() => import('./pages/governance-ops/GovOpsPage'));
const MinutesPrintPage = lazy(() => import('./pages/governance-ops/MinutesPrintPage'));
const PrintRecordPage = lazy(() => import('./pages/supervision/PrintRecordPage'));
const PartnerInboxPage = lazy(() => import('./pages/assistance/PartnerInboxPage'));
const PartnersPage = lazy(() => import('./pages/assistance/PartnersPage'));
const ReferralsPage = lazy(() => import('./pages/assistance/ReferralsPage'));
const FieldPage = lazy(() => import('./pages/field/FieldPage'));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will not change by asking again; a network hiccup may.
      retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

const theme = { token: { colorPrimary: '#b35c00', borderRadius: 6 } };

function Localized() {
  const { lang } = useI18n();
  return (
    <ConfigProvider locale={lang === 'zh-CN' ? zhCNLocale : enUSLocale} theme={theme} button={{ autoInsertSpace: false }}>
      <AntApp>
        <BrowserRouter>
          <UnauthorizedRedirect />
          <Suspense fallback={<PageSpin />}>
            <Routes>
              <Route path="/login" element={<LoginPage />} />
              <Route
                path="/print/record/:personId/:recordId"
                element={
                  <RequireSession>
                    <RequirePermission permission="supervision.read">
                      <PrintRecordPage />
                    </RequirePermission>
                  </RequireSession>
                }
              />
              <Route
                path="/print/meeting/:id"
                element={
                  <RequireSession>
                    <RequirePermission permission="govops.read">
                      <MinutesPrintPage />
                    </RequirePermission>
                  </RequireSession>
                }
              />
              <Route
                element={
                  <RequireSession>
                    <AppLayout />
                  </RequireSession>
                }
              >
                <Route index element={<Landing />} />
                <Route
                  path="persons"
                  element={
                    <RequirePermission permission="person.read">
                      <PersonsPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="persons/import"
                  element={
                    <RequirePermission permission="person.import">
                      <ImportPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="persons/:id"
                  element={
                    <RequirePermission permission="person.read">
                      <PersonPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="org"
                  element={
                    <RequirePermission permission="org.read">
                      <OrgPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="users"
                  element={
                    <RequirePermission permission="user.read">
                      <UsersPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="audit"
                  element={
                    <RequirePermission permission="audit.read">
                      <AuditPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="today"
                  element={
                    <RequirePermission permission="supervision.read">
                      <TodayPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="field"
                  element={
                    <RequirePermission permission="supervision.write">
                      <FieldPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="notices"
                  element={
                    <RequirePermission permission="notice.read">
                      <NoticesPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="prevention"
                  element={
                    <RequirePermission permission="prevention.read">
                      <PreventionPage />
                    </RequirePermission>
                  }
                />
                <Route path="governance-ops/:tab?" element={<GovOpsPage />} />
                <Route
                  path="inbox"
                  element={
                    <RequirePermission permission="referral.respond">
                      <PartnerInboxPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="partners"
                  element={
                    <RequirePermission permission="assistance.read">
                      <PartnersPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="referrals"
                  element={
                    <RequirePermission permission="assistance.read">
                      <ReferralsPage />
                    </RequirePermission>
                  }
                />
                <Route path="sessions" element={<SessionsPage />} />
                <Route path="password" element={<PasswordPage />} />
                <Route path="*" element={<Navigate to="/" replace />} />
              </Route>
            </Routes>
          </Suspense>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <Localized />
      </I18nProvider>
    </QueryClientProvider>
  );
}
