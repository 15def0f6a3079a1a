import type { ErrorBody, HandwritingAnswer } from '@hall/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import { CandidateBar } from '../components/candidate-bar.js';
import { Refusal } from '../components/refusal.js';
import { post } from '../net/api.js';
import { w } from './input-words.js';

export interface PadProps {
  /** a written character goes to the search field */
  onPick: (char: string) => void;
  onClose: () => void;
  /** the field's last character, for next-character suggestions */
  lastChar: string;
  suggest: (char: string) => string[];
}

type Point = [number, number];
/** The hub's box (shared/handwriting.ts HANDWRITING_BOX; not imported: that module brings TypeBox along). */
const BOX = 1000;
const MAX_STROKES = 40;
const MAX_POINTS = 400;
/** closer points than this (box units) add nothing to the shape */
const MIN_STEP = 6;

function draw(canvas: HTMLCanvasElement, strokes: readonly Point[][]): void {
  const g = canvas.getContext('2d');
  if (!g) return;
  const { width, height } = canvas;
  g.clearRect(0, 0, width, height);
  // 米字格: the guide lines of a Chinese exercise book, so a visitor sizes and centres the character.
  g.strokeStyle = '#9ca3af';
  g.lineWidth = Math.max(1, width / 400);
  g.setLineDash([width / 60, width / 60]);
  g.beginPath();
  for (const [ax, ay, bx, by] of [[0.5, 0, 0.5, 1], [0, 0.5, 1, 0.5], [0, 0, 1, 1], [1, 0, 0, 1]] as const) {
    g.moveTo(ax * width, ay * height);
    g.lineTo(bx * width, by * height);
  }
  g.stroke();
  g.setLineDash([]);
  g.strokeStyle = getComputedStyle(canvas).color || '#000';
  g.lineWidth = width / 45;
  g.lineCap = 'round';
  g.lineJoin = 'round';
  for (const s of strokes) {
    g.beginPath();
    s.forEach(([x, y], k) => (k === 0 ? g.moveTo((x / BOX) * width, (y / BOX) * height) : g.lineTo((x / BOX) * width, (y / BOX) * height)));
    if (s.length === 1) g.lineTo((s[0]![0] / BOX) * width + 0.1, (s[0]![1] / BOX) * height);
    g.stroke();
  }
}

/**
 * The writing pad: a large square the visitor writes one character in with a finger. Each finished stroke is
 * sent to the hub (Zinnia recognises it offline there) and the candidates shown below, big; a pick goes to the
 * search field and the pad clears, offering the characters that follow it in the catalog (护 → 照).
 */
export function HandwritingPad({ onPick, onClose, lastChar, suggest }: PadProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const strokes = useRef<Point[][]>([]);
  const drawing = useRef<number | null>(null);
  const asked = useRef(0);
  const [count, setCount] = useState(0);
  const [candidates, setCandidates] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);

  useEffect(() => {
    const c = canvas.current;
    if (!c) return;
    const fit = () => {
      const r = c.getBoundingClientRect();
      c.width = Math.round(r.width * devicePixelRatio);
      c.height = Math.round(r.height * devicePixelRatio);
      draw(c, strokes.current);
    };
    fit();
    const seen = new ResizeObserver(fit);
    seen.observe(c);
    return () => seen.disconnect();
  }, []);

  function point(e: PointerEvent): Point {
    const r = canvas.current!.getBoundingClientRect();
    const clamp = (v: number) => Math.max(0, Math.min(BOX, Math.round(v)));
    return [clamp(((e.clientX - r.left) / r.width) * BOX), clamp(((e.clientY - r.top) / r.height) * BOX)];
  }

  async function recognise(): Promise<void> {
    const n = ++asked.current;
    setBusy(true);
    const r = await post<HandwritingAnswer>('/api/handwriting/recognize', { strokes: strokes.current, limit: 10 });
    if (n !== asked.current) return; // a later stroke (or undo) has asked again
    setBusy(false);
    setError(r.ok ? null : r.error);
    setCandidates(r.ok ? r.data.candidates : []);
  }

  function changed(): void {
    setCount(strokes.current.length);
    draw(canvas.current!, strokes.current);
    if (strokes.current.length) void recognise();
    else {
      asked.current++;
      setBusy(false);
      setCandidates([]);
    }
  }

  function down(e: PointerEvent): void {
    if (drawing.current !== null || strokes.current.length >= MAX_STROKES) return;
    e.preventDefault();
    canvas.current!.setPointerCapture(e.pointerId);
    drawing.current = e.pointerId;
    strokes.current.push([point(e)]);
    draw(canvas.current!, strokes.current);
  }
  function move(e: PointerEvent): void {
    if (drawing.current !== e.pointerId) return;
    const s = strokes.current[strokes.current.length - 1]!;
    const p = point(e);
    const [lx, ly] = s[s.length - 1]!;
    if (s.length >= MAX_POINTS || Math.hypot(p[0] - lx, p[1] - ly) < MIN_STEP) return;
    s.push(p);
    draw(canvas.current!, strokes.current);
  }
  function up(e: PointerEvent): void {
    if (drawing.current !== e.pointerId) return;
    drawing.current = null;
    changed();
  }

  function pick(char: string): void {
    onPick(char);
    strokes.current = [];
    changed();
  }

  const showing = count > 0 ? candidates : suggest(lastChar);
  return (
    <section class="pad" aria-label={w('handwritingOpen')}>
      <p class="pad-hint" id="pad-hint">
        {w('writeHere')}
      </p>
      <canvas
        ref={canvas}
        class="pad-canvas"
        role="img"
        aria-label={w('writingPad')}
        aria-describedby="pad-hint"
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={up}
      />
      <p class="pad-status" role="status">
        {busy ? w('recognising') : count >= MAX_STROKES ? w('tooManyStrokes') : ''}
      </p>
      {error && <Refusal error={error} />}
      <CandidateBar
        candidates={showing}
        label={count > 0 ? w('candidates') : w('suggestions')}
        onPick={(k) => {
          const c = showing[k];
          if (c) pick(c);
        }}
      />
      <div class="row">
        <button type="button" class="btn" disabled={count === 0} onClick={() => (strokes.current.pop(), changed())}>
          ↶ {w('undo')}
        </button>
        <button type="button" class="btn" disabled={count === 0} onClick={() => ((strokes.current = []), changed())}>
          × {w('rewrite')}
        </button>
        <button type="button" class="btn" onClick={onClose}>
          {w('closePad')}
        </button>
      </div>
    </section>
  );
}
