import { useEffect } from 'preact/hooks';
import { loadMyWarnings } from '../net/warning-groups.js';
import { floor, lang } from '../store/store.js';
import { myWarnings } from '../store/warning-groups.js';
import { WarningGroupRow } from './warning-group-row.js';

const EVERY_MS = 15_000;

/**
 * 我的预警 on the caller: the warning groups of the windows this staff member is posted at and of the lines those
 * windows serve, each with its acknowledge button. Read again after queue events (a call may clear a wait) and
 * every 15 s (a wait turns red by time alone).
 */
export function CallerWarnings() {
  useEffect(() => {
    void loadMyWarnings();
    const timer = setInterval(() => void loadMyWarnings(), EVERY_MS);
    return () => clearInterval(timer);
  }, []);
  const seq = floor.value;
  useEffect(() => {
    const soon = setTimeout(() => void loadMyWarnings(), 300);
    return () => clearTimeout(soon);
  }, [seq]);
  const groups = myWarnings.value?.groups ?? [];
  const zh = lang.value === 'zh';
  return (
    <section class="card my-warnings" aria-labelledby="my-warnings-title" data-groups={groups.length}>
      <h2 id="my-warnings-title">{zh ? '我的预警' : 'My warnings'}</h2>
      <div aria-live="polite">
        {groups.length === 0 ? (
          <p class="muted">{zh ? '您的窗口和业务当前没有预警。' : 'No warnings at your windows or their lines now.'}</p>
        ) : (
          <ul class="warning-groups">
            {groups.map((g) => (
              <WarningGroupRow key={g.key} g={g} canManage={false} mine />
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
