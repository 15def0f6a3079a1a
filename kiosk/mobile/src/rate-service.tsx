import { useEffect, useState } from 'preact/hooks';
import type { Satisfaction } from '@hall/shared/devices';
import type { TicketEvaluationStatus } from '@hall/shared/evaluation';
import type { Lang, Messages } from './messages.js';
import { rate, ratingStatus } from './rating-api.js';
import { untilAnswered } from './until-answered.js';

const LEVELS: Satisfaction[] = ['very-satisfied', 'satisfied', 'basic', 'dissatisfied', 'very-dissatisfied'];
const BAD = new Set<Satisfaction>(['dissatisfied', 'very-dissatisfied']);

/** After service: rate it once (five levels; reasons and a comment for 差评), or see that it was rated. */
export function RateService({ token, m, lang }: { token: string; m: Messages; lang: Lang }) {
  const [status, setStatus] = useState<TicketEvaluationStatus | null>(null);
  const [level, setLevel] = useState<Satisfaction | null>(null);
  const [reasons, setReasons] = useState<string[]>([]);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [unknown, setUnknown] = useState(false);
  const [requestId] = useState(() => `m-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`);

  useEffect(() => {
    void ratingStatus(token).then(setStatus);
  }, [token]);

  if (!status || status.state === 'not-served') return null;
  if (status.state === 'rated') return <section class="card" role="status"><p class="status">{m.rated}</p></section>;
  if (status.state === 'unrated') return <section class="card"><p>{m.rateClosed}</p></section>;

  const send = async () => {
    if (!level) return;
    setSending(true);
    const body = { level, requestId, ...(BAD.has(level) && reasons.length ? { reasons } : {}), ...(comment.trim() ? { comment: comment.trim() } : {}) };
    // Sent again with the same key until the hub answers: the rating counts once (一次一评), never lost.
    const r = await untilAnswered(() => rate(token, body), () => setUnknown(true));
    setSending(false);
    setUnknown(false);
    if (r.ok) setStatus({ ...status, state: 'rated' });
    else setError(lang === 'zh' ? r.message : r.messageEn);
  };

  return (
    <section class="card" aria-labelledby="rate-title">
      <p class="status" id="rate-title">{m.rateTitle}</p>
      <div class="levels" role="radiogroup" aria-labelledby="rate-title">
        {LEVELS.map((l) => (
          <button type="button" role="radio" aria-checked={level === l} class={level === l ? 'primary' : ''} onClick={() => setLevel(l)}>
            {level === l ? '√ ' : ''}
            {m.levels[l]}
          </button>
        ))}
      </div>
      {level && BAD.has(level) && (
        <fieldset>
          <legend>{m.reasons}</legend>
          {status.reasons.map((r) => (
            <label class="check">
              <input
                type="checkbox"
                checked={reasons.includes(r.code)}
                onChange={(e) => setReasons((e.currentTarget as HTMLInputElement).checked ? [...reasons, r.code] : reasons.filter((c) => c !== r.code))}
              />
              {lang === 'zh' ? r.name : r.nameEn}
            </label>
          ))}
          <label class="check" for="comment">{m.comment}</label>
          <textarea id="comment" maxLength={500} rows={3} value={comment} onInput={(e) => setComment((e.currentTarget as HTMLTextAreaElement).value)} />
        </fieldset>
      )}
      {error && <p role="alert">{error}</p>}
      {unknown && <p role="status">{m.resultUnknown}</p>}
      <button type="button" class="primary" disabled={!level || sending} onClick={() => void send()}>
        {m.send}
      </button>
    </section>
  );
}
