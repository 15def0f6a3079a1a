import type { CaseProgress, CaseStageKind, ErrorBody } from '@hall/shared';
import { useEffect, useState } from 'preact/hooks';
import { Keyboard, applyKey } from '../components/keyboard.js';
import { ParallelSteps } from '../components/parallel-steps.js';
import { Refusal } from '../components/refusal.js';
import { get } from '../net/api.js';
import type { MessageKey } from '../i18n/messages.js';
import { go, hallTimeText, lang, t } from '../store/store.js';

const STAGE: Record<CaseStageKind, MessageKey> = {
  accepted: 'caseAccepted',
  'under-review': 'caseUnderReview',
  decided: 'caseDecided',
  'result-mailed': 'caseMailed',
};

/** A receipt's QR code may carry a URL or a labelled text: the case number is its longest run of digits/letters. */
export function caseNoFromScan(text: string): string {
  const runs = text.match(/[A-Za-z0-9-]{6,40}/g) ?? [];
  return runs.sort((a, b) => b.length - a.length)[0]?.toUpperCase() ?? '';
}

type Field = 'caseNo' | 'idLast4';
type Answer = { kind: 'found'; data: CaseProgress } | { kind: 'not-found'; error: ErrorBody } | { kind: 'down'; error: ErrorBody };

/**
 * 办件查询: the case number from the acceptance receipt, typed on the on-screen keyboard or read by the
 * receipt scanner (a keyboard-wedge scanner types it and presses Enter), and optionally the last four
 * characters of the ID number — shown only as dots. The hub asks the provincial platform.
 */
export function CasesPage() {
  const [caseNo, setCaseNo] = useState('');
  const [idLast4, setIdLast4] = useState('');
  const [field, setField] = useState<Field>('caseNo');
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<Answer | null>(null);

  const ask = async () => {
    if (busy || caseNo.length < 6) return;
    setBusy(true);
    const q = idLast4.length === 4 ? `?idLast4=${encodeURIComponent(idLast4)}` : '';
    const r = await get<CaseProgress>(`/api/cases/${encodeURIComponent(caseNo)}${q}`);
    setBusy(false);
    if (r.ok) setAnswer({ kind: 'found', data: r.data });
    else if (r.error.code === 'case_not_found') setAnswer({ kind: 'not-found', error: r.error });
    else setAnswer({ kind: 'down', error: r.error });
  };

  // A receipt scanner types into the page: collect its characters, take the case number on Enter.
  useEffect(() => {
    let scanned = '';
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Enter') {
        if (scanned.length >= 6) {
          setCaseNo(caseNoFromScan(scanned));
          setField('caseNo');
          setAnswer(null);
        }
        scanned = '';
      } else if (e.key.length === 1) scanned = (scanned + e.key).slice(-200);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const onKey = (k: string) => {
    setAnswer(null);
    if (field === 'caseNo') setCaseNo((v) => applyKey(v, k === ' ' ? '' : k, 40));
    else setIdLast4((v) => (k !== 'backspace' && k !== 'clear' && !/^[0-9X]$/.test(k) ? v : applyKey(v, k, 4)));
  };

  if (answer?.kind === 'found') return <CaseFound c={answer.data} onAgain={() => setAnswer(null)} />;

  const fieldStyle = (f: Field) => ({ border: `3px solid ${field === f ? 'var(--accent)' : 'var(--line)'}`, minHeight: '64px', fontSize: '1.6rem', letterSpacing: '0.1em', textAlign: 'left' as const });
  return (
    <main>
      <h2>{t('caseQuery')}</h2>
      <p>{t('caseQueryHint')}</p>
      <div class="row">
        <button type="button" class="btn" style={fieldStyle('caseNo')} aria-pressed={field === 'caseNo'} onClick={() => setField('caseNo')}>
          <span style={{ fontSize: '1rem', display: 'block', letterSpacing: 0 }}>{t('caseNo')}</span>
          <span data-testid="case-no">{caseNo || '—'}</span>
        </button>
        <button type="button" class="btn" style={fieldStyle('idLast4')} aria-pressed={field === 'idLast4'} onClick={() => setField('idLast4')}>
          <span style={{ fontSize: '1rem', display: 'block', letterSpacing: 0 }}>{t('caseIdLast4')}</span>
          <span aria-label={`${t('caseIdLast4')}: ${idLast4.length} / 4`}>{idLast4 ? '●'.repeat(idLast4.length) : '—'}</span>
        </button>
      </div>
      <Keyboard digits onKey={onKey} />
      {answer && <Refusal error={answer.error} />}
      {answer?.kind === 'down' && <p role="status">{t('caseTryLater')}</p>}
      <div class="row">
        <button type="button" class="btn primary" disabled={busy || caseNo.length < 6} onClick={() => void ask()}>
          {busy ? t('loading') : t('caseAsk')}
        </button>
        <span>{t('caseScanHint')}</span>
      </div>
    </main>
  );
}

function CaseFound({ c, onAgain }: { c: CaseProgress; onAgain: () => void }) {
  const current = c.stages.findIndex((s) => s.stage === c.current);
  return (
    <main>
      <h2>{t('caseQuery')}</h2>
      <section class="card" aria-label={t('caseNo')}>
        <h3>{lang.value === 'en' && c.serviceNameEn ? c.serviceNameEn : c.serviceName}</h3>
        <p>
          {t('caseNo')}：{c.caseNo} · {t('caseApplicant')}：{c.applicantMasked}
        </p>
        <p role="status" style={{ fontSize: '1.4rem' }}>
          {t('caseNow')}：<strong>{t(STAGE[c.current])}</strong>
        </p>
      </section>
      <ol class="list" aria-label={t('caseStages')} style={{ listStyle: 'none', padding: 0 }}>
        {c.stages.map((s, i) => {
          const state: MessageKey = i < current ? 'caseStageDone' : i === current ? 'caseStageCurrent' : 'caseStagePending';
          const note = lang.value === 'en' ? (s.noteEn ?? s.note) : s.note;
          return (
            <li key={s.stage} class="item" aria-current={i === current ? 'step' : undefined} style={{ borderLeft: `8px solid ${i <= current ? 'var(--ok)' : 'var(--line)'}`, padding: '0.8rem 1rem' }}>
              <strong>
                {i <= current ? '√ ' : '○ '}
                {t(STAGE[s.stage])} — {t(state)}
              </strong>
              <small>
                {s.at ? hallTimeText(s.at, 'full') : t('caseNotYet')}
                {note ? ` · ${note}` : ''}
              </small>
            </li>
          );
        })}
      </ol>
      {c.parallel && <ParallelSteps p={c.parallel} />}
      <p>{c.cached ? t('caseCached') : ''}</p>
      <div class="row">
        <button type="button" class="btn" onClick={onAgain}>
          {t('caseAnother')}
        </button>
        <button type="button" class="btn primary" onClick={() => go({ name: 'home' })}>
          {t('home')}
        </button>
      </div>
    </main>
  );
}
