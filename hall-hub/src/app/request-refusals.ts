import type { RefusalKind } from '../domain/queue/refusals.js';

/**
 * Why the hub refused a request before or beside the queue: who asks, from where, how often, what it sent. The
 * sibling of the queue's catalog (domain/queue/refusals.ts): a stable code, a kind the HTTP adapter maps to a
 * status, and text a visitor or staff member can read, Chinese first. Adapters hold no text of their own.
 */
export type RequestRefusalKind = RefusalKind | 'bad-request' | 'unauthorized' | 'too-many' | 'too-large' | 'unavailable' | 'failed';

export interface RequestRefusal {
  code: string;
  kind: RequestRefusalKind;
  zh: string;
  en: string;
  details?: unknown;
}

type Entry = readonly [kind: RequestRefusalKind, zh: string, en: string, code?: string];

const PROVINCE_DOWN: Entry = [
  'unavailable',
  '暂时无法连接省政务服务平台，请稍后再试，或到综合窗口咨询。',
  'The provincial platform cannot be reached right now; please try again later or ask at the information desk.',
];

const texts = {
  // who asks, and from where
  unauthorized: ['unauthorized', '请先登录。', 'Please log in first.'],
  device_unauthorized: ['unauthorized', '设备身份验证失败。', 'Device authentication failed.', 'unauthorized'],
  invalid_credentials: ['unauthorized', '用户名或密码不正确。', 'Wrong username or password.'],
  issuer_required: ['unauthorized', '请在大厅的自助取号机取号，或请工作人员代取。', 'Tickets are taken at the hall’s kiosks or issued by staff; this request names neither.'],
  address_not_allowed: ['forbidden', '工作人员和管理功能只能在大厅内网使用。', 'Staff and manager functions are available only from the hall network.'],
  device_address_not_allowed: ['forbidden', '该地址不允许设备接入。', 'Devices may not connect from this address.', 'address_not_allowed'],
  forbidden: ['forbidden', '您的角色无权进行此操作。', 'Your role may not do this.'],
  not_posted_here: ['forbidden', '您不在这个窗口的岗位上。', 'You are not posted at this window.', 'forbidden'],
  own_staff_number_only: ['forbidden', '只能以本人工号登录。', 'Staff log in under their own number only.', 'forbidden'],
  not_your_ticket: ['forbidden', '这张号票不在您工作的窗口。', 'This ticket is not at a window you work.', 'forbidden'],
  staff_channel_needs_staff: ['forbidden', '只有登录的工作人员可以在窗口代取号。', 'Only signed-in staff issue tickets on the staff channel.', 'forbidden'],
  kiosk_own_printer_only: ['forbidden', '自助机只能使用自己的打印机。', 'A kiosk prints on its own printer only.', 'forbidden'],
  not_this_window: ['forbidden', '这块屏幕不属于这个窗口。', 'This screen does not belong to this window.'],
  take_over_first: ['conflict', '请先以B岗身份接替上岗，再办理。', 'Take the window over as its B post first.'],
  own_account: ['conflict', '不能删除自己正在使用的账号。', 'You cannot remove the account you are signed in with.'],
  login_busy: ['too-many', '登录请求较多，请稍后再试。', 'Many sign-ins at once; please try again in a moment.'],
  // what it sent
  line_or_service_required: ['bad-request', '请求内容有误：请指定排队业务 lineId 或事项 serviceId。', 'Invalid request: give lineId or serviceId.', 'invalid_request'],
  id_number_or_card: ['bad-request', '请求内容有误：idNumber 与 useIdCard 只能选一个。', 'Invalid request: give idNumber or useIdCard, not both.', 'invalid_request'],
  phone_for_sms: ['bad-request', '请求内容有误：同意短信通知时请填写手机号码。', 'Invalid request: give a phone number with smsConsent.', 'invalid_request'],
  dates_reversed: ['bad-request', '请求内容有误：结束日期早于开始日期。', 'Invalid request: `to` is before `from`.', 'invalid_request'],
  staff_number_required: ['invalid', '请提供工号。', 'Give the staff number.', 'staff_required'],
  staff_account_needs_number: ['invalid', '员工账号需要一个已配置的工号。', 'A staff account needs a configured staff number.', 'staff_required'],
  printer_required: ['invalid', '请指定打印机 printerId。', 'Name the printer (printerId).'],
  invalid_image: ['invalid', '无法识别这张图片（支持 PNG、JPEG、WebP、GIF）。', 'The image could not be read (PNG, JPEG, WebP or GIF).'],
  // what is or is not there
  unknown_ticket: ['not-found', '没有找到这张号票。', 'No such ticket today.'],
  // One answer for unknown, malformed and expired tokens alike: a guesser learns nothing from the difference.
  no_ticket: ['not-found', '没有找到这张排队号，或它已过期（排队号当日有效）。', 'No such ticket, or it has expired (tickets are valid for their day only).'],
  supervision_off: ['unavailable', '办件监督未开启（uplink.supervision），或省平台地址未配置。', 'Case supervision is off (uplink.supervision) or no province address is configured.'],
  rongque_off: ['unavailable', '容缺受理需要省平台连接（信用名单），当前未配置。', '容缺受理 needs the province link (its credit lists), which is not configured.'],
  rongque_not_open: ['not-found', '没有这件待补齐的容缺件。', 'No open 容缺 case with this id.'],
  warning_not_open: ['not-found', '没有这条未处理的办件预警。', 'No open case warning with this number.'],
  warning_group_gone: ['not-found', '这组预警已经消除（或不存在），无需处理。', 'This warning group has cleared (or never was); there is nothing to act on.'],
  assignee_required: ['bad-request', '请求内容有误：指派时请指定 assignee（工作人员工号或值班主任）。', 'Invalid request: assign needs an assignee (a staff number or the duty manager).', 'invalid_request'],
  assignee_only_for_assign: ['bad-request', '请求内容有误：只有指派（assign）才带 assignee。', 'Invalid request: only assign takes an assignee.', 'invalid_request'],
  unknown_assignee: ['bad-request', '请求内容有误：没有这个工号的工作人员。', 'Invalid request: no staff member has this number.', 'invalid_request'],
  no_duty_manager: ['conflict', '大厅未配置值班主任（hall.dutyManager），无法指派给值班主任。', 'The hall has no duty manager configured (hall.dutyManager).'],
  not_your_warning: ['forbidden', '这组预警不属于您所在的窗口或其业务。', 'This warning group is not at your window or its lines.', 'forbidden'],
  staff_acknowledge_only: ['forbidden', '工作人员只能确认预警；指派和上报由管理人员进行。', 'Staff acknowledge warnings; assigning and escalating are for managers.', 'forbidden'],
  case_not_found: ['not-found', '没有查到这个办件，请核对回执上的办件编号（和身份证后四位）。', 'No case was found. Please check the case number on your receipt (and the last four characters of your ID number).'],
  no_printer: ['conflict', '这台自助机没有配置打印机。', 'This kiosk has no printer configured.'],
  ticket_not_printable: ['conflict', '这张号票已叫号或已结束，不能再打印。', 'This ticket is no longer waiting; it cannot be printed.'],
  // what the hub cannot do now
  upload_busy: ['unavailable', '另一个目录文件正在上传，请稍后再试。', 'Another catalog file is being uploaded; try again shortly.'],
  province_unavailable: PROVINCE_DOWN,
  // a device's or bridge's MQTT request (answered in its response envelope)
  not_a_json_object: ['bad-request', '请求不是 JSON 对象。', 'The request is not a JSON object.', 'invalid_payload'],
  bridge_request_malformed: ['bad-request', '请求不是 JSON 对象，或 transaction 有误。', 'The request is not a JSON object, or its transaction is invalid.', 'invalid_payload'],
  hub_stopping: ['unavailable', '大厅服务正在重启，请稍候，页面会自动恢复。', 'The hall server is restarting; this page will reconnect by itself.'],
  handwriting_unavailable: ['unavailable', '手写识别暂不可用，请使用拼音键盘或常用搜索。', 'Handwriting recognition is not available; please use the pinyin keyboard or the common searches.'],
} as const satisfies Record<string, Entry>;

export type RequestRefusalCode = keyof typeof texts;

function refusal([kind, zh, en, code]: Entry, name: string, details?: unknown): RequestRefusal {
  const r: RequestRefusal = { code: code ?? name, kind, zh, en };
  if (details !== undefined) r.details = details;
  return r;
}

export function deny(name: RequestRefusalCode, details?: unknown): RequestRefusal {
  return refusal(texts[name], name, details);
}

/** 没有找到…: `what` in English, `zhWhat` in Chinese (这张号票, 这个窗口, …). */
export const notFoundRefusal = (what: string, zhWhat: string): RequestRefusal => refusal(['not-found', `没有找到${zhWhat}。`, `No such ${what}.`], 'not_found');

/** Too many requests of one kind (取号, 手写识别, …) from one asker: try again in `seconds`. */
export function rateLimited(seconds: number, what: { zh: string; en: string } = { zh: '请求', en: 'requests' }): RequestRefusal {
  return refusal(['too-many', `${what.zh}过于频繁，请 ${seconds} 秒后再试。`, `Too many ${what.en}; try again in ${seconds} s.`], 'rate_limited', { retryAfterSeconds: seconds });
}

/** Too many failed sign-ins: wait before the next try. */
export function tooManyAttempts(retryAfterSeconds: number): RequestRefusal {
  const wait = retryAfterSeconds < 60 ? `${retryAfterSeconds} 秒` : `${Math.ceil(retryAfterSeconds / 60)} 分钟`;
  const waitEn = retryAfterSeconds < 60 ? `${retryAfterSeconds} s` : `${Math.ceil(retryAfterSeconds / 60)} min`;
  return refusal(['too-many', `登录失败次数过多，请 ${wait}后再试。`, `Too many failed sign-ins; try again in ${waitEn}.`], 'too_many_attempts', { retryAfterSeconds });
}

export const invalidSlot = (code: string): RequestRefusal =>
  refusal(['invalid', `预约 ${code} 的时段无效。`, `Appointment ${code}: the slot ends before it starts.`], 'invalid_slot');

export const fileTooLarge = (mb: number): RequestRefusal => refusal(['too-large', `文件超过 ${mb} MB。`, `The file is larger than ${mb} MB.`], 'body_too_large');

/** A catalog file refused whole, with the problems found. */
export const catalogMalformed = (message: string, problems: unknown): RequestRefusal =>
  refusal(['bad-request', `文件无法导入，目录保持不变：${message}`, `The file was refused whole; the catalog is unchanged: ${message}`], 'catalog_malformed', problems);

/** A request whose content breaks its schema: the first problem found. */
export const invalidPayload = (problem: string): RequestRefusal =>
  refusal(['bad-request', `请求内容有误：${problem}`, `Invalid request: ${problem}`], 'invalid_payload');

/** An MQTT operation the device (or bridge) has not. */
export function unknownOperation(op: string, asker: 'device' | 'bridge'): RequestRefusal {
  const [zh, en] = asker === 'device' ? ['设备', 'This device'] : ['网关', 'The bridge'];
  return refusal(['invalid', `${zh}不支持这个操作：${op}`, `${en} has no operation ${op}.`], 'unknown_operation');
}

export const backupFailed = (message: string): RequestRefusal => refusal(['failed', `备份失败：${message}`, `Backup failed: ${message}`], 'backup_failed');
