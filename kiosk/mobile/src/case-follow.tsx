import type { CaseProgress } from '@hall/shared/cases';
import { HUB_SILENT_MS } from '@hall/shared/link-state';
import { lightWords, remainingWords, stepStateWords } from '@hall/shared/parallel-words';
import { useEffect, useState } from 'preact/hooks';
import { fetchWithin } from './fetch-within.js';
import type { Lang } from './messages.js';

const words = {
  zh: {
    title: '办件进度',
    lang: 'English',
    caseNo: '办件编号',
    idLast4: '身份证号后四位',
    idHint: '为保护您的隐私，请输入申请人身份证号的后四位。',
    ask: '查询',
    again: '刷新',
    applicant: '申请人',
    stage: { accepted: '已受理', 'under-review': '审查中', decided: '已办结', 'result-mailed': '结果已寄出' },
    now: '当前进度',
    parallel: '并联审批进度',
    lead: '牵头部门',
    overall: '总体状态',
    steps: '各部门办理情况',
    failed: '暂时无法查询，请稍后再试。',
    noCase: '请扫描自助机上的二维码打开本页。',
  },
  en: {
    title: 'Case progress',
    lang: '中文',
    caseNo: 'Case number',
    idLast4: 'Last 4 characters of the ID number',
    idHint: 'To protect your privacy, enter the last four characters of the applicant’s ID number.',
    ask: 'Look up',
    again: 'Refresh',
    applicant: 'Applicant',
    stage: { accepted: 'Accepted', 'under-review': 'Under review', decided: 'Decided', 'result-mailed': 'Result sent' },
    now: 'Now',
    parallel: 'Parallel approval',
    lead: 'Lead department',
    overall: 'Overall',
    steps: 'Each department',
    failed: 'Cannot look it up right now; please try again later.',
    noCase: 'Please open this page by scanning the code on a hall kiosk.',
  },
};

type Answer = { ok: true; c: CaseProgress } | { ok: false; message: string; messageEn: string };

async function lookup(caseNo: string, idLast4: string): Promise<Answer> {
  try {
    const r = await fetchWithin(`/api/m/cases/${encodeURIComponent(caseNo)}?idLast4=${encodeURIComponent(idLast4)}`, { cache: 'no-store' }, HUB_SILENT_MS);
    if (r.ok) return { ok: true, c: (await r.json()) as CaseProgress };
    const e = (await r.json().catch(() => ({}))) as { message?: string; messageEn?: string };
    return { ok: false, message: e.message ?? words.zh.failed, messageEn: e.messageEn ?? words.en.failed };
  } catch {
    return { ok: false, message: words.zh.failed, messageEn: words.en.failed };
  }
}

function Progress({ c, lang }: { c: CaseProgress; lang: Lang }) {
  const w = words[lang];
  const say = (x: { zh: string; en: string }) => x[lang];
  const p = c.parallel;
  return (
    <>
      <section class="card">
        <p class="status">{lang === 'en' && c.serviceNameEn ? c.serviceNameEn : c.serviceName}</p>
        <p class="muted">
          {w.caseNo}：{c.caseNo} · {w.applicant}：{c.applicantMasked}
        </p>
        <p>
          {w.now}：<strong>{w.stage[c.current]}</strong>
        </p>
      </section>
      {p && (
        <section class="card" aria-label={w.parallel} data-light={p.light}>
          <p class="status">{w.parallel}</p>
          <p>
            {w.lead}：{p.leadDepartmentName}
          </p>
          <p class="big-light">
            {w.overall}：<span aria-hidden="true">{lightWords(p.light, p.finished).mark}</span> {say(lightWords(p.light, p.finished))}
          </p>
          <ol class="steps" aria-label={w.steps}>
            {p.steps.map((s, i) => {
              const light = lightWords(s.light, s.state === 'done');
              const left = remainingWords(s);
              return (
                <li key={i} class={`step step-${s.light}`} data-dept={s.departmentName} data-light={s.light}>
                  <strong>
                    {s.departmentName} — {say(stepStateWords(s))}
                  </strong>
                  <span>
                    <span aria-hidden="true">{light.mark}</span> {say(light)}
                    {left ? ` · ${say(left)}` : ''}
                  </span>
                </li>
              );
            })}
          </ol>
        </section>
      )}
    </>
  );
}

/**
 * The phone page following a case (…/m/#case=<case number>, from the kiosk's code): the applicant gives the last
 * four characters of the ID number — the page keeps them only in memory — and sees the stages and, for a
 * 并联审批 project, each department's step with its state and light.
 */
export function CaseFollow({ caseNo, initialLang }: { caseNo: string; initialLang: Lang }) {
  const [lang, setLang] = useState<Lang>(initialLang);
  const [idLast4, setIdLast4] = useState('');
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [busy, setBusy] = useState(false);
  const w = words[lang];
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = w.title;
  }, [lang, w]);
  const valid = /^[0-9]{3}[0-9Xx]$/.test(idLast4);
  const ask = async () => {
    if (!valid || busy) return;
    setBusy(true);
    setAnswer(await lookup(caseNo, idLast4));
    setBusy(false);
  };
  const header = (
    <header>
      <h1>{w.title}</h1>
      <button type="button" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} lang={lang === 'zh' ? 'en' : 'zh-CN'}>
        {w.lang}
      </button>
    </header>
  );
  if (!/^[A-Za-z0-9-]{6,40}$/.test(caseNo)) return <>{header}<p class="card">{w.noCase}</p></>;
  return (
    <>
      {header}
      {answer?.ok ? (
        <>
          <Progress c={answer.c} lang={lang} />
          <div class="row">
            <button type="button" class="primary" disabled={busy} onClick={() => void ask()}>{w.again}</button>
          </div>
        </>
      ) : (
        <form class="card" onSubmit={(e) => { e.preventDefault(); void ask(); }}>
          <p>
            {w.caseNo}：<strong>{caseNo}</strong>
          </p>
          <p class="muted">{w.idHint}</p>
          <label class="field">
            {w.idLast4}
            <input value={idLast4} maxLength={4} autoComplete="off" onInput={(e) => setIdLast4(e.currentTarget.value.trim().toUpperCase())} />
          </label>
          {answer && !answer.ok && <p role="alert">{lang === 'zh' ? answer.message : answer.messageEn}</p>}
          <div class="row">
            <button type="submit" class="primary" disabled={!valid || busy}>{w.ask}</button>
          </div>
        </form>
      )}
    </>
  );
}
