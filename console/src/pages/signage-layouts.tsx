import { layoutProblems, REGION_KINDS, type Campaign, type DisplayStatus, type ErrorBody, type Layout, type MediaLibrary, type RegionKind, type ScreenLayout, type ScreenLayoutBody } from '@hall/shared';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { LayoutGridEditor, placeText, REGION_LABEL } from '../components/layout-grid-editor.js';
import { LayoutPreview } from '../components/layout-preview.js';
import { ActionError } from '../components/refusal.js';
import { loadForPage } from '../net/gate.js';
import { displaysApi } from '../net/hall-services.js';
import { signageApi } from '../net/signage-api.js';
import { addRegion, DEFAULT_GRID, GRID_MAX, regrid, starterLayout } from '../signage/layout-grid.js';
import { sceneCampaign } from '../signage/targeting.js';
import { isManager, lang, t } from '../store/store.js';

const SIZES = Object.keys(DEFAULT_GRID) as Layout[];
const bodyOf = (l: ScreenLayout): ScreenLayoutBody => ({ name: l.name, size: l.size, columns: l.columns, rows: l.rows, regions: l.regions });

/** Which screens draw this layout: ticking one assigns it there at once (the hub pushes it to the screen). */
function AssignScreens({ layoutId, screens, onChanged }: { layoutId: string; screens: DisplayStatus[]; onChanged: (e: ErrorBody | null) => void }) {
  const eligible = screens.filter((d) => d.settings.surface !== 'led-strip');
  return (
    <fieldset class="assign">
      <legend>{t('assignLayout')}</legend>
      {eligible.length === 0 && <p class="muted">{t('noScreens')}</p>}
      {eligible.map((d) => (
        <label key={d.settings.id} class="check">
          <input
            type="checkbox"
            disabled={!isManager.value}
            checked={d.settings.layoutId === layoutId}
            onChange={async (e) => {
              const r = await displaysApi.update(d.settings.id, { layoutId: e.currentTarget.checked ? layoutId : null });
              onChanged(r.ok ? null : r.error);
            }}
          />
          {d.settings.name} <small class="muted">{d.settings.layout}</small>
        </label>
      ))}
    </fieldset>
  );
}

/** One layout being edited: its grid, its regions, what is wrong with it, and the wall drawing it live. */
function LayoutEditor(props: { initial: ScreenLayoutBody; id: string | null; preview: Campaign[]; lib: MediaLibrary | null; onSaved: (l: ScreenLayout) => void; onDeleted: () => void }) {
  const [draft, setDraft] = useState<ScreenLayoutBody>(props.initial);
  const [selected, setSelected] = useState<string | null>(draft.regions[0]?.id ?? null);
  const [kind, setKind] = useState<RegionKind>('media');
  const [error, setError] = useState<ErrorBody | null>(null);
  const [done, setDone] = useState('');
  const problems = layoutProblems(draft);
  const problemIds = new Set(problems.flatMap((p) => (p.regionId ? [p.regionId] : [])));
  const campaigns = useMemo(() => props.preview.map((c) => sceneCampaign(c, props.lib?.assets ?? [])), [props.preview, props.lib]);
  const region = draft.regions.find((r) => r.id === selected) ?? null;

  async function save(e: Event) {
    e.preventDefault();
    setError(null);
    setDone('');
    const r = props.id ? await signageApi.saveLayout(props.id, draft) : await signageApi.addLayout(draft);
    if (!r.ok) return setError(r.error);
    setDone(`${t('actionDone')}：${t('saveLayout')} ${r.data.name}`);
    props.onSaved(r.data);
  }

  return (
    <form class="layout-editor" onSubmit={(e) => void save(e)} aria-label={t('layoutEditor')}>
      <div class="fields">
        <label>
          {t('nameCol')} <input required maxLength={64} value={draft.name} onInput={(e) => setDraft({ ...draft, name: e.currentTarget.value })} />
        </label>
        <label>
          {t('screenSize')}
          <select
            value={draft.size}
            onChange={(e) => {
              const size = e.currentTarget.value as Layout;
              const g = DEFAULT_GRID[size];
              setDraft({ ...regrid(draft, g.columns, g.rows), size });
            }}
          >
            {SIZES.map((s) => (
              <option key={s} value={s}>
                {s.replace('x', ' × ')}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('gridColumns')} <input type="number" min={1} max={GRID_MAX} value={draft.columns} onChange={(e) => setDraft(regrid(draft, Number(e.currentTarget.value), draft.rows))} />
        </label>
        <label>
          {t('gridRows')} <input type="number" min={1} max={GRID_MAX} value={draft.rows} onChange={(e) => setDraft(regrid(draft, draft.columns, Number(e.currentTarget.value)))} />
        </label>
      </div>
      <div class="row">
        <label class="inline">
          {t('regionKind')}
          <select value={kind} onChange={(e) => setKind(e.currentTarget.value as RegionKind)}>
            {REGION_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(REGION_LABEL[k])}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          class="btn"
          disabled={draft.regions.length >= 16}
          onClick={() => {
            const r = addRegion(draft, kind);
            setDraft({ ...draft, regions: [...draft.regions, r] });
            setSelected(r.id);
          }}
        >
          {t('addRegion')}
        </button>
        {region && (
          <>
            <span class="muted" data-selected-place>
              {t(REGION_LABEL[region.kind])} {region.id}：{placeText(region)}
            </span>
            {region.kind === 'media' && (
              <label class="inline">
                {t('channel')}
                <input
                  size={8}
                  pattern="[A-Za-z0-9_.\-]+"
                  value={region.channel ?? 'main'}
                  onInput={(e) => {
                    const channel = e.currentTarget.value.trim();
                    setDraft({ ...draft, regions: draft.regions.map((r) => (r.id === region.id ? { ...r, channel: channel || 'main' } : r)) });
                  }}
                />
              </label>
            )}
            <button
              type="button"
              class="btn small"
              disabled={draft.regions.length <= 1}
              onClick={() => {
                setDraft({ ...draft, regions: draft.regions.filter((r) => r.id !== region.id) });
                setSelected(null);
              }}
            >
              {t('removeRegion')}
            </button>
          </>
        )}
      </div>
      <div class="layout-panes">
        <LayoutGridEditor layout={draft} selected={selected} problemIds={problemIds} onSelect={setSelected} onChange={(regions) => setDraft({ ...draft, regions })} />
        <LayoutPreview layout={draft} campaigns={campaigns} />
      </div>
      <div class="layout-problems" role="status" aria-live="polite">
        {problems.length === 0 ? (
          <p class="ok">√ {t('layoutOk')}</p>
        ) : (
          <ul>
            {problems.map((p, i) => (
              <li key={i} class="warning red" data-problem={p.code}>
                ■ {lang.value === 'zh' ? p.message : p.messageEn}
              </li>
            ))}
          </ul>
        )}
      </div>
      <p role="status" class="done">
        {done}
      </p>
      <ActionError error={error} />
      {isManager.value && (
        <div class="row">
          <button class="btn primary" type="submit" disabled={problems.length > 0}>
            {t('saveLayout')}
          </button>
          {props.id && (
            <button type="button" class="btn" onClick={() => void signageApi.removeLayout(props.id!).then((r) => (r.ok ? props.onDeleted() : setError(r.error)))}>
              {t('deleteLayout')}
            </button>
          )}
        </div>
      )}
    </form>
  );
}

/** The layouts: pick one (or start one) to edit, and the screens that draw it. */
export function LayoutsPage() {
  const [layouts, setLayouts] = useState<ScreenLayout[]>([]);
  const [screens, setScreens] = useState<DisplayStatus[]>([]);
  const [campaigns, setCampaigns] = useState<Campaign[]>([]);
  const [lib, setLib] = useState<MediaLibrary | null>(null);
  const [open, setOpen] = useState<{ id: string | null; body: ScreenLayoutBody; n: number } | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);

  const reloadScreens = () => displaysApi.list().then((r) => r.ok && setScreens(r.data));
  const reload = () => signageApi.layouts().then((r) => r.ok && setLayouts(r.data));
  useEffect(() => {
    void loadForPage<ScreenLayout[]>('/api/signage/layouts', setLayouts).then((ok) => {
      if (!ok) return;
      void reloadScreens();
      void signageApi.campaigns().then((r) => r.ok && setCampaigns(r.data));
      void signageApi.library().then((r) => r.ok && setLib(r.data));
    });
  }, []);

  return (
    <section class="card" aria-labelledby="layouts-title">
      <h2 id="layouts-title">{t('layoutsTitle')}</h2>
      <p class="muted">{t('layoutsHint')}</p>
      <ul class="layout-list">
        {layouts.map((l) => (
          <li key={l.id} data-layout={l.id}>
            <button type="button" class="btn" aria-pressed={open?.id === l.id} onClick={() => setOpen({ id: l.id, body: bodyOf(l), n: Date.now() })}>
              {l.name} <small>{l.size.replace('x', ' × ')}</small>
            </button>
          </li>
        ))}
      </ul>
      {isManager.value && (
        <button type="button" class="btn primary" onClick={() => setOpen({ id: null, body: starterLayout(t('newLayoutName'), '1920x1080'), n: Date.now() })}>
          {t('newLayout')}
        </button>
      )}
      <ActionError error={error} />
      {open && (
        <>
          <LayoutEditor
            key={`${open.id}-${open.n}`}
            initial={open.body}
            id={open.id}
            preview={campaigns}
            lib={lib}
            onSaved={(l) => {
              void reload();
              setOpen({ id: l.id, body: bodyOf(l), n: open.n });
            }}
            onDeleted={() => {
              setOpen(null);
              void reload();
            }}
          />
          {open.id && (
            <AssignScreens
              layoutId={open.id}
              screens={screens}
              onChanged={(e) => {
                setError(e);
                void reloadScreens();
              }}
            />
          )}
        </>
      )}
    </section>
  );
}
