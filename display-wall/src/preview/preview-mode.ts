import type { CallRecord, DisplayScene, LayoutPreviewMessage, LineView, WindowView } from '@hall/shared';
import { connected, previewing, scene, wall } from '../store/store.js';
import type { WallView } from '../store/wall-view.js';

/**
 * The console's live preview of a layout: the real wall page framed at `?preview=<size>` (same origin). It opens
 * no socket; each LayoutPreviewMessage the console posts is drawn at once, with sample queue data and the
 * campaigns given. Loaded on demand: a real screen never loads this.
 */
const AT = '2026-01-05T01:30:00.000Z';

const line = (id: string, prefix: string, name: string, waiting: number): LineView => ({
  id,
  prefix,
  name,
  nameEn: null,
  waiting,
  waitingPriority: 0,
  issuedToday: waiting + 20,
  dailyCap: null,
  longestWaitMinutes: waiting * 2,
  estimatedWaitMinutes: waiting * 3,
  openWindows: 2,
  ticketing: true,
});

function sampleWall(): WallView {
  const lines = [line('a', 'A', '综合受理', 12), line('b', 'B', '不动产登记', 7), line('c', 'C', '社保医保', 4), line('d', 'D', '投资项目', 2)];
  const windows: WindowView[] = Array.from({ length: 16 }, (_, i) => {
    const no = String(i + 1);
    const status: WindowView['status'] = i < 5 ? 'serving' : i < 7 ? 'calling' : i === 12 ? 'paused' : i > 13 ? 'closed' : 'idle';
    const busy = status === 'serving' || status === 'calling';
    return {
      no,
      name: `${no}号窗口`,
      zone: 'general',
      status,
      staffNo: busy ? `S${no}` : null,
      staffName: null,
      coveringFor: null,
      pauseReason: status === 'paused' ? '业务咨询' : null,
      currentTicket: busy ? `${lines[i % 4]!.prefix}${String(30 + i).padStart(3, '0')}` : null,
      currentTicketId: null,
      suspendedTickets: [],
      since: AT,
      lines: [lines[i % 4]!.id],
    };
  });
  const calls: CallRecord[] = windows
    .filter((w) => w.currentTicket)
    .map((w, i) => ({ seq: 100 - i, ticket: w.currentTicket!, windowNo: w.no, windowName: w.name, zone: 'general', lineId: w.lines[0]!, recall: false, at: AT }));
  return { seq: 100, phase: 'open', lines, windows, calls: calls.reverse(), finished: {} };
}

function previewScene(size: string, m: LayoutPreviewMessage): DisplayScene {
  const zh = m.lang === 'zh';
  return {
    at: new Date().toISOString(),
    hallName: zh ? '政务服务中心（预览）' : 'Service hall (preview)',
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    settings: { id: 'preview', name: 'preview', surface: 'hall-wall', layout: m.layout.size ?? size, zone: null, windowNo: null, groups: [], voice: false, strip: null },
    power: { on: true, brightness: 100, scheduled: false },
    emergency: null,
    notices: [{ id: 'preview', text: zh ? '这是布局预览：叫号数据为示例。' : 'Layout preview: the queue shown is sample data.' }],
    media: [],
    zones: [{ id: 'general', name: '综合服务区' }],
    staff: [],
    // A preview never speaks: no voice area, so neither is used.
    templates: { voice: '', voiceRecall: '', voiceShort: '', voiceSameWindow: '', voiceBrief: '', voiceBriefItem: '', voiceNumbers: '' },
    voice: { windows: [], rules: { repeat: 1, briefAbove: 2, numbersOnlyAbove: 6, briskFromWaiting: 100, briskAfterSeconds: 600, behindNumbersOnlyAbove: 6, maxPerAnnouncement: 10, chimeInRun: false, lateAfterSeconds: 30 } },
    noShow: { zh: '过号请重新取号', en: 'If you missed your number, please take a new ticket' },
    signage: { layout: { ...m.layout, id: 'preview', updatedAt: new Date().toISOString() }, campaigns: m.campaigns },
  };
}

function isPreviewMessage(d: unknown): d is LayoutPreviewMessage {
  const m = d as Partial<LayoutPreviewMessage> | null;
  return (
    typeof m === 'object' &&
    m !== null &&
    m.type === 'hall-layout-preview' &&
    typeof m.layout === 'object' &&
    Array.isArray(m.layout?.regions) &&
    Number.isInteger(m.layout?.columns) &&
    Number.isInteger(m.layout?.rows) &&
    Array.isArray(m.campaigns)
  );
}

export function startPreview(size: string): void {
  previewing.value = true;
  connected.value = true; // no hub is expected: no offline mark
  wall.value = sampleWall();
  addEventListener('message', (e: MessageEvent) => {
    // Only the console on this very origin may drive the preview.
    if (e.origin !== location.origin || !isPreviewMessage(e.data)) return;
    scene.value = previewScene(size, e.data);
  });
  // The framing console may post before this code has loaded: it can wait for this word.
  if (parent !== window) parent.postMessage({ type: 'hall-layout-preview-ready' }, location.origin);
}
