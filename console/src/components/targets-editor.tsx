import type { DisplayGroup, DisplayStatus, SignageTargets } from '@hall/shared';
import { setup, t } from '../store/store.js';

const toggle = (list: string[], id: string, on: boolean) => (on ? [...new Set([...list, id])] : list.filter((x) => x !== id));

/** The zones of the hall, as people call them (from the windows' setup). */
export function hallZones(): Array<[string, string]> {
  return [...(setup.value?.windows ?? []).reduce((m, w) => m.set(w.zone, w.zoneName), new Map<string, string>())];
}

/** Who a campaign is for: every screen, or the ticked groups, zones and single screens. */
export function TargetsEditor(props: { targets: SignageTargets; groups: DisplayGroup[]; screens: DisplayStatus[]; onChange: (t: SignageTargets) => void }) {
  const { targets: tg, onChange } = props;
  const box = (key: 'groups' | 'zones' | 'displays', id: string, label: string) => (
    <label key={id} class="check">
      <input type="checkbox" checked={tg[key].includes(id)} onChange={(e) => onChange({ ...tg, [key]: toggle(tg[key], id, e.currentTarget.checked) })} />
      {label}
    </label>
  );
  return (
    <fieldset class="targets">
      <legend>{t('targetsTitle')}</legend>
      <label class="check">
        <input type="radio" name="targets-all" checked={tg.all} onChange={() => onChange({ ...tg, all: true })} />
        {t('allDisplays')}
      </label>
      <label class="check">
        <input type="radio" name="targets-all" checked={!tg.all} onChange={() => onChange({ ...tg, all: false })} />
        {t('chosenDisplays')}
      </label>
      {!tg.all && (
        <div class="target-lists">
          <fieldset>
            <legend>{t('displayGroups')}</legend>
            {props.groups.length === 0 && <p class="muted">{t('noGroups')}</p>}
            {props.groups.map((g) => box('groups', g.id, g.name))}
          </fieldset>
          <fieldset>
            <legend>{t('zone')}</legend>
            {hallZones().map(([id, name]) => box('zones', id, name))}
          </fieldset>
          <fieldset>
            <legend>{t('singleScreens')}</legend>
            {props.screens.filter((d) => d.settings.surface !== 'led-strip').map((d) => box('displays', d.settings.id, d.settings.name))}
          </fieldset>
        </div>
      )}
    </fieldset>
  );
}
