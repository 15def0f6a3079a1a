import { connected, go, hub, lang, t } from '../store/store.js';

function Tile({ title, hint, onClick, disabled = false }: { title: string; hint: string; onClick: () => void; disabled?: boolean }) {
  return (
    <button type="button" class="tile" onClick={onClick} disabled={disabled}>
      <strong>{title}</strong>
      <span>{hint}</span>
    </button>
  );
}

/** Home: six large entry points and the live waiting count of every line. */
export function Home() {
  const live = connected.value;
  return (
    <main>
      <div class="tiles">
        <Tile title={t('search')} hint={t('searchHint')} onClick={() => go({ name: 'search' })} />
        <Tile title={t('byDepartment')} hint={t('byDepartmentHint')} onClick={() => go({ name: 'departments' })} />
        <Tile title={t('byTopic')} hint={t('byTopicHint')} onClick={() => go({ name: 'topics' })} />
        <Tile title={t('takeTicket')} hint={live ? t('takeTicketHint') : t('unavailable')} onClick={() => go({ name: 'take-ticket' })} disabled={!live} />
        <Tile title={t('checkIn')} hint={live ? t('checkInHint') : t('unavailable')} onClick={() => go({ name: 'check-in' })} disabled={!live} />
        <Tile title={t('myTicket')} hint={live ? t('myTicketHint') : t('unavailable')} onClick={() => go({ name: 'my-ticket' })} disabled={!live} />
        <Tile title={t('caseQueryTile')} hint={live ? t('caseQueryTileHint') : t('unavailable')} onClick={() => go({ name: 'cases' })} disabled={!live} />
      </div>
      {hub.value.lines.length > 0 && (
        <section class="card" aria-label={t('waitingNow')}>
          <h3>{t('waitingNow')}</h3>
          <div class="waiting">
            {hub.value.lines.map((l) => (
              <div key={l.id}>
                <b>{lang.value === 'en' && l.nameEn ? l.nameEn : l.name}</b>
                <br />
                {l.waiting} {t('people')}
                {l.estimatedWaitMinutes !== null && l.waiting > 0 ? ` · ≈${l.estimatedWaitMinutes} ${t('minutes')}` : ''}
                {!l.ticketing ? ` · ${t('closedToday')}` : ''}
              </div>
            ))}
          </div>
        </section>
      )}
    </main>
  );
}
