import type { Report, ReportTable } from '@hall/shared';
import { download, get, type ApiResult } from './api.js';

/** A day or a month; left empty, the hub's own today or this month (its clock is the hall's). */
export type Period = { kind: 'daily'; day: string } | { kind: 'monthly'; month: string };

const query = (p: Period) => (p.kind === 'daily' ? (p.day ? `day=${p.day}` : '') : p.month ? `month=${p.month}` : '');

export const loadReport = (p: Period): Promise<ApiResult<Report>> => get<Report>(`/api/reports/${p.kind}?${query(p)}`);
export const downloadCsv = (p: Period, by: ReportTable) => download(`/api/reports/${p.kind}.csv?${query(p)}&by=${by}`);
export const downloadPdf = (p: Period) => download(`/api/reports/${p.kind}.pdf?${query(p)}`);
