import { signal } from '@preact/signals';

/** One ticking clock for the whole page. */
export const now = signal(new Date());
setInterval(() => (now.value = new Date()), 1000);

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

export function Clock() {
  const d = now.value;
  const p = (n: number) => String(n).padStart(2, '0');
  return (
    <div class="clock" aria-label="date and time">
      <div class="clock-time">
        {p(d.getHours())}:{p(d.getMinutes())}
        <span class="clock-sec">:{p(d.getSeconds())}</span>
      </div>
      <div class="clock-date">
        {d.getFullYear()}年{d.getMonth() + 1}月{d.getDate()}日 星期{WEEKDAYS[d.getDay()]}
      </div>
    </div>
  );
}
