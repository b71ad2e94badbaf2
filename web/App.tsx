import { lazy, Suspense } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCNLocale from 'antd/es/locale/zh_CN';
import enUSLocale from 'antd/es/locale/en_US';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { ApiError } from './api/client';
import type { Me } from './api/auth';
import { keys } from './api/keys';
import { I18nProvider, useI18n } from './i18n/I18nProvider';
import { UnauthorizedRedirect } from './components/UnauthorizedRedirect';
import { RequireSession } from './components/RequireSession';
import { RequirePermission } from './components/RequirePermission';
import { PageSpin } from './components/PageSpin';

// The app itself is a chunk the light sign-in entry (web/main.tsx) loads; inside it, the layout and
// the pages are chunks of their own too, so a page waits only for what it shows (issue 17 §6).
const loadAppLayout = () => import('./components/AppLayout');
const loadLanding = () => import('./pages/supervision/Landing');
const loadTodayPage = () => import('./pages/supervision/TodayPage');
const LoginPage = lazy(() => import('./pages/login/LoginPage').then((m) => ({ default: m.LoginPage })));
const AppLayout = lazy(() => loadAppLayout().then((m) => ({ default: m.AppLayout })));
const Landing = lazy(() => loadLanding().then((m) => ({ default: m.Landing })));
const OrgPage = lazy(() => import('./pages/org/OrgPage'));
const UsersPage = lazy(() => import('./pages/users/UsersPage'));
const AuditPage = lazy(() => import('./pages/audit/AuditPage'));
const SessionsPage = lazy(() => import('./pages/sessions/SessionsPage'));
const PasswordPage = lazy(() => import('./pages/password/PasswordPage'));
const PersonsPage = lazy(() => import('./pages/persons/PersonsPage'));
const PersonPage = lazy(() => import('./pages/person/PersonPage'));
const ImportPage = lazy(() => import('./pages/import/ImportPage'));
const TodayPage = lazy(loadTodayPage);
const NoticesPage = lazy(() => import('./pages/supervision/NoticesPage'));
const PreventionPage = lazy(() => import('./pages/prevention/PreventionPage'));
const GovernancePage = lazy(() => import('./pages/governance/GovernancePage'));
const IndicatorPage = lazy(() => import('./pages/governance/IndicatorPage'));
const GovOpsPage = lazy(() => import('./pages/governance-ops/GovOpsPage'));
const MinutesPrintPage = lazy(() => import('./pages/governance-ops/MinutesPrintPage'));
const ReportsPage = lazy(() => import('./pages/reports/ReportsPage'));
const PrintRecordPage = lazy(() => import('./pages/supervision/PrintRecordPage'));
const PrintPlanPage = lazy(() => import('./pages/assistance/PrintPlanPage'));
const PartnerInboxPage = lazy(() => import('./pages/assistance/PartnerInboxPage'));
const PartnersPage = lazy(() => import('./pages/assistance/PartnersPage'));
const ReferralsPage = lazy(() => import('./pages/assistance/ReferralsPage'));
const FieldPage = lazy(() => import('./pages/field/FieldPage'));
const TransfersPage = lazy(() => import('./pages/transfers/TransfersPage'));
const HandoversPage = lazy(() => import('./pages/transfers/HandoversPage'));
const TipsPage = lazy(() => import('./pages/prevention/TipsPage'));
const PublicSurveyPage = lazy(() => import('./pages/public/PublicSurveyPage'));
const PublicTipPage = lazy(() => import('./pages/public/PublicTipPage'));
const AlertsPage = lazy(() => import('./pages/warnings/AlertsPage'));
const DelistingPage = lazy(() => import('./pages/sealing/DelistingPage'));
const NoticePage = lazy(() => import('./pages/sealing/NoticePage'));
const SealedFilesPage = lazy(() => import('./pages/sealing/SealedFilesPage'));
const AccessReportPage = lazy(() => import('./pages/sealing/AccessReportPage'));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will not change by asking again; a network hiccup may.
      retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

// WCAG 2.1 AA contrast (issue 17 §7): antd's grey text tokens (45 % and 25 % black: 3.4:1 and
// 1.9:1 on white) and the orange of a selected menu item on its tint (4.3:1) fall short of 4.5:1;
// these keep the look and reach it (secondary 65 % ≈ 5.7:1, placeholder 56 % ≈ 4.9:1, menu 6:1).
const theme = {
  token: {
    colorPrimary: '#b35c00',
    borderRadius: 6,
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
    // antd's link blue is 4.0:1 on white; the brand's dark shade is 6:1.
    colorLink: '#8a4700',
    // Text in the status colours (Typography danger/warning/success): antd's are 3–4:1 on white.
    colorErrorText: '#a8071a',
    colorWarningText: '#ad4e00',
    colorSuccessText: '#237804',
  },
  components: { Menu: { itemSelectedColor: '#8a4700' } },
};

/**
 * The light entry signed the user in, or found the session: the account it read is the app's
 * first answer to /api/auth/me, so the start page does not wait for a second round trip.
 */
export function primeSession(me: Me): void {
  queryClient.setQueryData(keys.me, me);
}

/**
 * While the user types on the sign-in form: the layout and the most common start page (今日待办,
 * the social workers') load in the background, so the first page after 登录 waits only for its
 * data. The grid worker's round is not fetched for everyone: the service worker caches it.
 */
export function preloadStartPages(): void {
  for (const load of [loadAppLayout, loadLanding, loadTodayPage]) void load().catch(() => undefined);
}

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
              {/* #16 public pages: no session, phone width. */}
              <Route path="/s/:token" element={<PublicSurveyPage />} />
              <Route path="/tip" element={<PublicTipPage />} />
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
                path="/print/plan/:personId"
                element={
                  <RequireSession>
                    <RequirePermission permission="assistance.read">
                      <PrintPlanPage />
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
                  path="alerts"
                  element={
                    <RequirePermission permission="supervision.read">
                      <AlertsPage />
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
                  path="governance"
                  element={
                    <RequirePermission permission="report.read">
                      <GovernancePage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="reports"
                  element={
                    <RequirePermission permission="report.read">
                      <ReportsPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="governance/:code"
                  element={
                    <RequirePermission permission="report.read">
                      <IndicatorPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="tips"
                  element={
                    <RequirePermission permission="tip.read">
                      <TipsPage />
                    </RequirePermission>
                  }
                />
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
                <Route
                  path="transfers"
                  element={
                    <RequirePermission permission="person.read">
                      <TransfersPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="delisting"
                  element={
                    <RequirePermission permission="delisting.review">
                      <DelistingPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="handovers"
                  element={
                    <RequirePermission permission="person.read">
                      <HandoversPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="delisting/notice/:id"
                  element={
                    <RequirePermission permission="delisting.review">
                      <NoticePage />
                    </RequirePermission>
                  }
                />
                <Route path="sealed" element={<SealedFilesPage />} />
                <Route path="break-glass" element={<SealedFilesPage />} />
                <Route
                  path="persons/:personId/access-report"
                  element={
                    <RequirePermission permission="person.access_report">
                      <AccessReportPage />
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
