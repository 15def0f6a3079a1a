import { useEffect } from 'preact/hooks';
import { Refusal } from './components/refusal.js';
import { TopBar } from './components/top-bar.js';
import { CallerPage } from './pages/caller.js';
import { FloorPage } from './pages/floor.js';
import { LoginPage } from './pages/login.js';
import { ReportsPage } from './pages/reports.js';
import { WindowsStaffPage } from './pages/windows-staff.js';
import { DisplaysPage } from './pages/displays.js';
import { RatingsPage } from './pages/ratings.js';
import { UplinkPage } from './pages/uplink.js';
import { SupervisionPage } from './pages/supervision.js';
import { SignagePage } from './pages/signage.js';
import { connected, lang, linkLostAt, pageRefusal, route, seesFloor, session, setup, t } from './store/store.js';

function Page() {
  const r = route.value;
  const refused = pageRefusal.value;
  if (refused) return <main><h1 class="sr-only">{t('forbiddenTitle')}</h1><Refusal status={refused.status} error={refused.error} /></main>;
  switch (r.name) {
    case 'floor':
      // A staff member's start page is the caller; opening the floor by address is still tried, and refused by the hub.
      return <FloorPage />;
    case 'caller':
      return <CallerPage windowNo={r.windowNo} />;
    case 'windows':
      return <WindowsStaffPage />;
    case 'reports':
      return <ReportsPage />;
    case 'displays':
      return <DisplaysPage />;
    case 'ratings':
      return <RatingsPage />;
    case 'uplink':
      return <UplinkPage />;
    case 'supervision':
      return <SupervisionPage />;
    case 'signage':
      return <SignagePage tab={r.tab} />;
  }
}

export function App() {
  useEffect(() => {
    document.documentElement.lang = lang.value === 'zh' ? 'zh-CN' : 'en';
    document.title = `${t('appTitle')}${setup.value ? ` · ${setup.value.hall.name}` : ''}`;
  }, [lang.value, setup.value]);
  if (!session.value || !setup.value) return <LoginPage />;
  return (
    <div class="app">
      {/* The address hash is the route, so the skip link moves focus itself rather than following #content. */}
      <a
        class="skip"
        href="#content"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('content')?.focus();
        }}
      >
        {t('skipToContent')}
      </a>
      <TopBar />
      {/* Once the link was lost (not while it is first being made, right after sign-in). */}
      {!connected.value && linkLostAt.value !== null && (
        <div class="banner offline" role="alert" data-link-state="offline">
          {t('offline')}
        </div>
      )}
      <div id="content" tabIndex={-1} key={`${route.value.name}-${seesFloor.value}`}>
        <Page />
      </div>
    </div>
  );
}
