import { logout } from '../net/session.js';
import { unlockAudio } from '../sound/chime.js';
import { connected, hrefOf, isManager, lang, redCount, route, seesFloor, session, setup, soundOn, t, yellowCount, type Route } from '../store/store.js';

const ROLE_TEXT = { manager: 'roleManager', staff: 'roleStaff', auditor: 'roleAuditor' } as const;

/** The header: where you are, who you are, the live link, warnings at a glance, sound and language. */
export function TopBar() {
  const s = session.value!;
  const links: Array<[Route, string, boolean]> = [
    [{ name: 'floor' }, t('navFloor'), seesFloor.value],
    [{ name: 'caller', windowNo: null }, t('navCaller'), s.role !== 'auditor'],
    [{ name: 'windows' }, t('navWindows'), seesFloor.value],
    [{ name: 'reports' }, t('navReports'), seesFloor.value],
    [{ name: 'ratings' }, t('navRatings'), seesFloor.value],
    [{ name: 'displays' }, t('navDisplays'), seesFloor.value],
    [{ name: 'signage', tab: 'media' }, t('navSignage'), seesFloor.value],
    [{ name: 'uplink' }, t('navUplink'), seesFloor.value],
    [{ name: 'supervision' }, t('navSupervision'), seesFloor.value],
  ];
  const red = redCount.value;
  const yellow = yellowCount.value;
  return (
    <header class="topbar">
      <div class="brand">
        <strong>{setup.value?.hall.name ?? ''}</strong>
        <span>{t('appTitle')}</span>
      </div>
      <nav aria-label={t('navLabel')}>
        {links
          .filter(([, , shown]) => shown)
          .map(([r, label]) => (
            <a key={r.name} href={hrefOf(r)} aria-current={route.value.name === r.name ? 'page' : undefined}>
              {label}
            </a>
          ))}
      </nav>
      {seesFloor.value && (
        <a href="#/floor" class={`alarm${red ? ' red' : yellow ? ' yellow' : ''}`}>
          <span class="sr-only">{t('warnings')}：</span>
          <span>■ {t('red')} {red}</span> <span>▲ {t('yellow')} {yellow}</span>
        </a>
      )}
      <span class={`link-state ${connected.value ? 'up' : 'down'}`} role="status" data-link-state={connected.value ? 'online' : 'offline'}>
        {connected.value ? `● ${t('online')}` : `× ${t('offline')}`}
      </span>
      {seesFloor.value && (
        <button
          type="button"
          aria-pressed={soundOn.value}
          title={t('soundLabel')}
          onClick={() => {
            soundOn.value = !soundOn.value;
            unlockAudio();
          }}
        >
          {soundOn.value ? t('soundOn') : t('soundOff')}
        </button>
      )}
      <button type="button" title={t('languageLabel')} onClick={() => (lang.value = lang.value === 'zh' ? 'en' : 'zh')}>
        {t('language')}
      </button>
      <span class="who">
        {s.username} · {t(ROLE_TEXT[s.role])}
        {isManager.value ? '' : s.staffNo ? ` · ${setup.value?.me.staffName ?? s.staffNo}` : ''}
      </span>
      <button type="button" onClick={() => void logout()}>
        {t('logout')}
      </button>
    </header>
  );
}
