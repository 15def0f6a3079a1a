import { useEffect } from 'preact/hooks';
import { IdleGuard } from './components/idle-guard.js';
import { TopBar } from './components/top-bar.js';
import { Attract } from './pages/attract.js';
import { Departments, ServiceList, Topics } from './pages/browse.js';
import { GuidePage } from './pages/guide.js';
import { CasesPage } from './pages/cases.js';
import { Home } from './pages/home.js';
import { SearchPage } from './pages/search.js';
import { CheckIn, MyTicket, TakeTicket, TicketPage } from './pages/tickets.js';
import { connected, elderly, lang, route, scale, t } from './store/store.js';

function Page() {
  const r = route.value;
  switch (r.name) {
    case 'attract':
      return <Attract />;
    case 'home':
      return <Home />;
    case 'departments':
      return <Departments />;
    case 'department':
      return <ServiceList title={r.title} path={`/api/catalog/departments/${encodeURIComponent(r.code)}/services`} />;
    case 'topics':
      return <Topics />;
    case 'topic':
      return <ServiceList title={r.title} path={`/api/catalog/topics/${encodeURIComponent(r.id)}/services`} />;
    case 'search':
      return <SearchPage />;
    case 'guide':
      return <GuidePage id={r.id} />;
    case 'take-ticket':
      return <TakeTicket lineId={r.lineId} serviceId={r.serviceId} />;
    case 'ticket':
      return <TicketPage ticket={r.ticket} printed={r.printed} />;
    case 'check-in':
      return <CheckIn />;
    case 'my-ticket':
      return <MyTicket />;
    case 'cases':
      return <CasesPage />;
  }
}

export function App() {
  // Language, text size and elderly mode apply to the whole document (and reset with the session).
  useEffect(() => {
    document.documentElement.lang = lang.value === 'zh' ? 'zh-CN' : 'en';
    document.documentElement.style.setProperty('--scale', String(scale.value * (elderly.value ? 1.25 : 1)));
    document.documentElement.classList.toggle('elderly', elderly.value);
  }, [lang.value, scale.value, elderly.value]);
  useEffect(() => window.scrollTo(0, 0), [route.value]);
  if (route.value.name === 'attract') return <Attract />;
  return (
    <div class="app">
      <TopBar />
      {!connected.value && (
        <div class="banner" role="status" data-link-state="offline">
          {t('offline')}
        </div>
      )}
      <Page />
      <IdleGuard />
    </div>
  );
}
