import type { RongqueRecord } from '@hall/shared';
import { readEscpos } from '@hall/testkit/escpos-reader';
import { describe, expect, it } from 'vitest';
import { buildEscpos } from '../../src/adapters/printer/escpos.js';
import { createRasterizer } from '../../src/adapters/printer/raster.js';
import { rongqueNoticeLayout } from '../../src/domain/print/rongque-notice-layout.js';

const record: RongqueRecord = {
  id: 'rq-0001',
  ticketNo: 'A007',
  windowNo: '1',
  staffId: 'S1',
  serviceId: 'T1',
  serviceName: '食品经营许可',
  departmentName: '市场监督管理局',
  applicantKind: 'person',
  applicant: '王*华',
  missing: ['经营场所使用证明', '食品安全管理制度'],
  acceptedAt: '2026-11-23T01:30:00.000Z',
  supplyWorkingDays: 3,
  supplyDeadline: '2026-11-26T15:59:59.999Z',
  credit: 'none',
  suppliedAt: null,
};

describe('容缺受理通知书 on the window printer', () => {
  it('prints what to bring by when, read back from the ESC/POS bytes', async () => {
    const blocks = rongqueNoticeLayout(record, { hall: { name: '测试政务服务中心', phone: '024-12345', timeZone: 'Asia/Shanghai' }, deadlineDay: '2026-11-26' });
    const bytes = await buildEscpos(blocks, { widthDots: 576, columns: 48, rasterizer: createRasterizer() });
    const read = readEscpos(bytes);
    expect(read.unknown).toEqual([]);
    const text = read.text.replace(/\s+/g, '');
    expect(text).toContain('待补交材料（共2项）');
    expect(text).toContain('□经营场所使用证明');
    expect(text).toContain('□食品安全管理制度');
    expect(text).toContain('补交期限：2026年11月26日前（3个工作日）');
    expect(text).toContain('申请人：王*华');
    expect(text).toContain('受理时间：2026-11-2309:30');
    expect(text).toContain('受理编号：rq-0001');
    // one cut (GS V), at the end
    expect(read.commands.filter((c) => c.startsWith('1d56'))).toHaveLength(1);
    expect(read.rasters.length).toBeGreaterThan(0);
  });
});
