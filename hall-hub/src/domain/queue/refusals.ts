/**
 * Why the queue said no. Each refusal has a stable code, a kind that the HTTP adapter maps to a status, and
 * text a visitor or staff member can read, Chinese first.
 */
export type RefusalKind = 'not-found' | 'conflict' | 'invalid' | 'forbidden' | 'timeout';

export interface Refusal {
  code: string;
  kind: RefusalKind;
  zh: string;
  en: string;
  details?: Record<string, unknown>;
}

const texts = {
  unknown_line: ['not-found', '没有这个排队业务。', 'There is no such queue line.'],
  unknown_window: ['not-found', '没有这个窗口。', 'There is no such window.'],
  unknown_staff: ['not-found', '没有这个工号。', 'There is no staff member with this number.'],
  unknown_ticket: ['not-found', '没有找到这张号票。', 'No such ticket today.'],
  unknown_priority_group: ['invalid', '没有这个优先类别。', 'There is no such priority group.'],
  ticketing_closed: [
    'conflict',
    '现在不能取号：大厅已停止取号或尚未开始办理。请留意大厅办理时间。',
    'Tickets cannot be taken now: ticketing has stopped or has not started. Please check the hall’s hours.',
  ],
  daily_cap_reached: [
    'conflict',
    '今天这项业务的号已经发完了，请改天再来，或咨询服务台。',
    'All tickets for this service have been given out today. Please come another day or ask at the help desk.',
  ],
  already_waiting: [
    'conflict',
    '您已经有一张这项业务的号在等候中，请不要重复取号。',
    'You already have a ticket waiting for this service.',
  ],
  appointment_not_found: ['not-found', '没有找到这个预约，请核对预约码。', 'No appointment with this code. Please check it.'],
  appointment_not_today: ['conflict', '这个预约不是今天的。', 'This appointment is not for today.'],
  appointment_used: ['conflict', '这个预约已经签到取号了。', 'This appointment has already been checked in.'],
  appointment_outside_slot: [
    'conflict',
    '现在不在您的预约时段内，请在预约时段内签到，或现场取号。',
    'It is not your appointment time. Please check in during your slot, or take a walk-in ticket.',
  ],
  window_closed: ['conflict', '这个窗口还没有开始服务，请先登录。', 'This window is not open. Please log in first.'],
  window_paused: ['conflict', '窗口处于暂停服务状态，请先恢复服务。', 'The window is paused. Resume service first.'],
  window_busy: [
    'conflict',
    '窗口还有正在办理的号码，请先办结、转移或挂起。',
    'The window still has a ticket in hand. Finish, transfer or suspend it first.',
  ],
  not_covering: ['conflict', '这个窗口没有B岗代岗，无需交回。', 'No B post is covering this window; there is nothing to hand back.'],
  window_lines_invalid: [
    'invalid',
    '窗口至少要办理一项排队业务，且每项业务只能列一次。',
    'A window serves at least one queue line, each listed once.',
  ],
  may_not_assign_lines: [
    'forbidden',
    '您没有调整窗口办理业务的权限。',
    'You may not change which lines this window serves.',
  ],
  window_taken: ['conflict', '这个窗口已由其他工作人员登录。', 'Another staff member is logged in at this window.'],
  staff_elsewhere: [
    'conflict',
    '该工作人员已在其他窗口登录，请先在那里退出。',
    'This staff member is logged in at another window. Log out there first.',
  ],
  staff_not_allowed: [
    'forbidden',
    '该工作人员不在这个窗口的岗位上（含AB岗）。',
    'This staff member is not posted at this window (A or B post).',
  ],
  no_current_ticket: ['conflict', '窗口当前没有号码。', 'The window has no ticket in hand.'],
  not_called: ['conflict', '当前号码不是待到窗状态。', 'The current ticket is not in the called state.'],
  ticket_not_waiting: ['conflict', '这张号票不在等候中。', 'This ticket is not waiting.'],
  ticket_not_for_window: [
    'conflict',
    '这张号票的业务不由本窗口办理。',
    'This ticket’s service is not handled at this window.',
  ],
  step_out_limit: ['conflict', '您已申请过暂时离开，不能再次顺延；叫号未到时可凭号到窗口咨询。', 'You have already asked for more time once; it cannot be extended again. If you miss your call, ask at the window.'],
  ticket_not_missed: ['conflict', '这张号票没有过号，无需恢复。', 'This ticket was not missed.'],
  reinstate_expired: [
    'conflict',
    '过号时间太久，不能恢复，请重新取号。',
    'The ticket was missed too long ago to be reinstated. Please take a new ticket.',
  ],
  ticket_not_suspended_here: [
    'conflict',
    '这张号票没有挂起在本窗口。',
    'This ticket is not suspended at this window.',
  ],
  ticket_not_cancellable: ['conflict', '这张号票当前不能取消。', 'This ticket cannot be cancelled now.'],
  nothing_suspended: ['conflict', '本窗口没有挂起的号码。', 'No ticket is suspended at this window.'],
  request_expired: [
    'conflict',
    '请求已超时，未执行，请重新操作。',
    'The request came after its deadline (the device was told there was no answer) and was not applied. Try again.',
  ],
  transfer_target_missing: ['invalid', '请指定转移到的业务或窗口。', 'Say which line or window to transfer to.'],
  appointment_line_unknown: ['invalid', '预约指向的排队业务不存在。', 'The appointment names an unknown queue line.'],
  day_not_started: ['conflict', '新的一天尚未开始。', 'The business day has not been started.'],
  nothing_to_rate: ['conflict', '本窗口刚才没有办结的业务可以评价。', 'No service has just been finished at this window to rate.'],
  already_rated: ['conflict', '这次服务已经评价过了，谢谢您。', 'This service has already been rated. Thank you.'],
  unknown_service: ['not-found', '没有找到这项业务。', 'No such service.'],
  service_not_queued: [
    'invalid',
    '这项业务不在大厅排队取号，请按办事指南的办理地点前往。',
    'This service has no queue in the hall; please go to the place given in its guide.',
  ],
  no_id_reader: ['invalid', '这台自助机没有连接身份证读卡器。', 'This kiosk has no ID-card reader.'],
  no_id_card: [
    'conflict',
    '没有读到身份证，请把身份证放在读卡区，再点“刷身份证取号”。',
    'No ID card was read. Place the card on the reader, then tap “take a ticket with my ID card” again.',
  ],
  sms_consent_required: [
    'invalid',
    '留下手机号码前，请先勾选同意接收一条到号提醒短信。',
    'Tick the box to agree to one “your turn is near” text message before giving a phone number.',
  ],
  sms_unavailable: [
    'invalid',
    '本大厅暂未开通到号短信提醒，请不填手机号码取号。',
    'This hall does not send text reminders; take the ticket without a phone number.',
  ],
  not_served: ['conflict', '这张号票的业务还没有办结，办结后才能评价。', 'This ticket has not been served yet; it can be rated once the service is finished.'],
  display_offline: ['conflict', '这个显示屏不在线，无法截图。', 'The display is not connected; no screenshot can be taken.'],
  display_timeout: ['timeout', '显示屏没有及时返回截图。', 'The display did not send its screenshot in time.'],
} as const satisfies Record<string, readonly [RefusalKind, string, string]>;

export type RefusalCode = keyof typeof texts;

export function refuse(code: RefusalCode, details?: Record<string, unknown>): Refusal {
  const [kind, zh, en] = texts[code];
  return details ? { code, kind, zh, en, details } : { code, kind, zh, en };
}
