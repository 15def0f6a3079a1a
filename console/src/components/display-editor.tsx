import type { DisplayGroup, DisplayPatch, DisplaySettings, ErrorBody, Layout, ScreenLayout, Surface } from '@hall/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { MessageKey } from '../i18n/messages.js';
import { displaysApi } from '../net/hall-services.js';
import { setup, t } from '../store/store.js';
import { ActionError } from './refusal.js';

export const SURFACE_LABEL: Record<Surface, MessageKey> = {
  'hall-wall': 'surfaceHallWall',
  'zone-wall': 'surfaceZoneWall',
  'window-screen': 'surfaceWindowScreen',
  'led-strip': 'surfaceLedStrip',
  'case-board': 'surfaceCaseBoard',
  'parallel-board': 'surfaceParallelBoard',
};
const SCREEN_SURFACES = ['hall-wall', 'zone-wall', 'window-screen', 'case-board', 'parallel-board'] as const;
// The hub's LAYOUTS keys; typed against them (a key missing or extra fails the type check), and not imported,
// to keep TypeBox out of the console's bundle.
const LAYOUT_KEYS: Record<Layout, true> = { '1920x1080': true, '3840x1080': true, '1152x576': true, '1280x720': true, '1366x768': true, '1080x1920': true };
const BUILT_IN: readonly string[] = Object.keys(SURFACE_LABEL);

/** The hall's display groups as ticks (a group the screen is in but the list lacks is still shown, by its id). */
function GroupChecks({ groups, chosen, onChange }: { groups: DisplayGroup[]; chosen: string[]; onChange: (g: string[]) => void }) {
  return (
    <fieldset class="inline groups">
      <legend>{t('displayGroups')}</legend>
      {groups.length === 0 && <span class="muted">{t('noGroups')}</span>}
      {[...groups, ...chosen.filter((id) => !groups.some((g) => g.id === id)).map((id) => ({ id, name: id }))].map((g) => (
        <label key={g.id} class="check">
          <input
            type="checkbox"
            checked={chosen.includes(g.id)}
            onChange={(e) => onChange(e.currentTarget.checked ? [...chosen, g.id] : chosen.filter((x) => x !== g.id))}
          />
          {g.name}
        </label>
      ))}
    </fieldset>
  );
}

/** Which signage layout the screen draws ('' : its surface's built-in arrangement). */
function SignageLayoutSelect({ layouts, value, onChange }: { layouts: ScreenLayout[]; value: string; onChange: (id: string) => void }) {
  return (
    <label>
      {t('signageLayout')}
      <select value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="">{t('builtInLayout')}</option>
        {layouts.map((l) => (
          <option key={l.id} value={l.id}>
            {l.name} ({l.size.replace('x', ' × ')})
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * One display's settings, changed live: the hub pushes them to the display at once. Only the fields shown are
 * sent; what the hub refuses (a zone wall without a zone, an unknown group…) is shown in both languages.
 */
export function DisplayEditor({
  settings,
  groups,
  layouts = [],
  onSaved,
  onCancel,
}: {
  settings: DisplaySettings;
  groups: DisplayGroup[];
  /** the signage layouts (#20) the screen may draw instead of its built-in arrangement */
  layouts?: ScreenLayout[];
  onSaved: (s: DisplaySettings) => void;
  onCancel: () => void;
}) {
  const strip = settings.surface === 'led-strip';
  const [name, setName] = useState(settings.name);
  const [surface, setSurface] = useState<Surface>(settings.surface);
  const [layout, setLayout] = useState(settings.layout);
  const [zone, setZone] = useState(settings.zone ?? '');
  const [windowNo, setWindowNo] = useState(settings.windowNo ?? '');
  const [voice, setVoice] = useState(settings.voice);
  // The built-in groups (one per surface) follow the surface; only the hall's own groups are ticked here.
  const [chosenGroups, setChosenGroups] = useState(settings.groups.filter((g) => !BUILT_IN.includes(g)));
  const [layoutId, setLayoutId] = useState(settings.layoutId ?? '');
  const [width, setWidth] = useState(settings.strip?.width ?? 128);
  const [height, setHeight] = useState(settings.strip?.height ?? 32);
  const [render, setRender] = useState<'bitmap' | 'text'>(settings.strip?.render ?? 'bitmap');
  const [error, setError] = useState<ErrorBody | null>(null);
  const [saving, setSaving] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  // Opening the editor takes the keyboard to it (the autofocus attribute only works once per page load).
  useEffect(() => first.current?.focus(), []);

  const windows = setup.value?.windows ?? [];
  const zones = [...windows.reduce((m, w) => m.set(w.zone, w.zoneName), new Map<string, string>())];
  if (settings.zone && !zones.some(([id]) => id === settings.zone)) zones.push([settings.zone, settings.zone]);
  const idOf = (field: string) => `display-${settings.id}-${field}`;

  async function save(e: Event) {
    e.preventDefault();
    const shown = { name: name.trim(), zone: zone || null, windowNo: windowNo || null, groups: chosenGroups };
    // layoutId is sent only when changed, so a hub without signage layouts keeps taking the rest.
    const signage = (layoutId || null) !== (settings.layoutId ?? null) ? { layoutId: layoutId || null } : {};
    const patch: DisplayPatch = strip ? { ...shown, strip: { width, height, render } } : { ...shown, surface, layout, voice, ...signage };
    setSaving(true);
    setError(null);
    const r = await displaysApi.update(settings.id, patch);
    setSaving(false);
    if (!r.ok) return setError(r.error);
    onSaved(r.data);
  }

  return (
    <form class="display-editor" aria-labelledby={idOf('title')} onSubmit={(e) => void save(e)} onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <h3 id={idOf('title')}>
        {t('editDisplay')}：{settings.name} <small class="muted">({settings.id})</small>
      </h3>
      <div class="fields">
        <label>
          {t('nameCol')}
          <input required maxLength={64} value={name} onInput={(e) => setName(e.currentTarget.value)} ref={first} />
        </label>
        {strip ? (
          <p class="field-note">
            {t('surface')}：{t('surfaceLedStrip')}
          </p>
        ) : (
          <>
            <label>
              {t('surface')}
              <select value={surface} onChange={(e) => setSurface(e.currentTarget.value as Surface)}>
                {SCREEN_SURFACES.map((s) => (
                  <option key={s} value={s}>
                    {t(SURFACE_LABEL[s])}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('layout')}
              <select value={layout} onChange={(e) => setLayout(e.currentTarget.value)}>
                {Object.keys(LAYOUT_KEYS).map((k) => (
                  <option key={k} value={k}>
                    {k.replace('x', ' × ')}
                  </option>
                ))}
              </select>
            </label>
          </>
        )}
        <label>
          {t('zone')}
          <select value={zone} onChange={(e) => setZone(e.currentTarget.value)}>
            <option value="">{t('noneChosen')}</option>
            {zones.map(([id, zoneName]) => (
              <option key={id} value={id}>
                {zoneName}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('windowNo')}
          <select value={windowNo} onChange={(e) => setWindowNo(e.currentTarget.value)}>
            <option value="">{t('noneChosen')}</option>
            {windows.map((w) => (
              <option key={w.no} value={w.no}>
                {w.no} · {w.name}
              </option>
            ))}
          </select>
        </label>
        {!strip && (
          <label class="check">
            <input type="checkbox" checked={voice} onChange={(e) => setVoice(e.currentTarget.checked)} />
            {t('voiceCalls')}
          </label>
        )}
        <GroupChecks groups={groups} chosen={chosenGroups} onChange={setChosenGroups} />
        {!strip && <SignageLayoutSelect layouts={layouts} value={layoutId} onChange={setLayoutId} />}
        {strip && (
          <>
            <label>
              {t('stripWidth')}
              <input type="number" required min={32} max={512} step={8} value={width} onInput={(e) => setWidth(Number(e.currentTarget.value))} />
            </label>
            <label>
              {t('stripHeight')}
              <input type="number" required min={8} max={64} value={height} onInput={(e) => setHeight(Number(e.currentTarget.value))} />
            </label>
            <fieldset class="inline">
              <legend>{t('stripRender')}</legend>
              {(['bitmap', 'text'] as const).map((r) => (
                <label key={r}>
                  <input type="radio" name={idOf('render')} value={r} checked={render === r} onChange={() => setRender(r)} />
                  {t(r === 'bitmap' ? 'renderBitmap' : 'renderText')}
                </label>
              ))}
            </fieldset>
          </>
        )}
      </div>
      <ActionError error={error} />
      <div class="row">
        <button class="btn primary" type="submit" disabled={saving}>
          {saving ? t('saving') : t('saveDisplay')}
        </button>
        <button class="btn" type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
