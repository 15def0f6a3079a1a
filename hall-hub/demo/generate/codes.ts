// Codes, addresses and contact details: everything that is derived, not written.
import { createHash } from "node:crypto";
import { DEPARTMENTS, ZONES } from "./departments.js";
import { rngFor } from "./prng.js";
import { makeDeptCode } from "./uscc.js";
import type { Department } from "./types.js";

export const CD_BATCH = "20261101-0001";
export const CD_TIME = "2026-11-01 08:00:00";
export const AREA_CODE = "210000";
export const TRANSACT_TIME = "周一至周五 8:30-11:30 13:00-17:00";
export const SUPERVISE_WAY = "024-22968890";
const SITE = "https://zwfw.example.gov.cn/item/";
const MOBILE_SITE = "https://m.zwfw.example.gov.cn/item/";

function buildDeptCodes(): Map<string, string> {
  const codes = new Map<string, string>();
  const used = new Set<string>();
  for (const dep of DEPARTMENTS) {
    const rng = rngFor(`dept-code:${dep.key}`);
    let code = makeDeptCode(rng);
    while (used.has(code)) code = makeDeptCode(rng);
    used.add(code);
    codes.set(dep.key, code);
  }
  return codes;
}

const DEPT_CODES = buildDeptCodes();

export function deptCode(key: string): string {
  const code = DEPT_CODES.get(key);
  if (code === undefined) throw new Error(`no code for department ${key}`);
  return code;
}

/** Fictional consultation number of a department, 024-2xxxxxxx. */
export function deptPhone(key: string): string {
  const rng = rngFor(`phone:${key}`);
  let digits = "2";
  for (let i = 0; i < 7; i++) digits += String(rng.int(0, 9));
  return `024-${digits}`;
}

export function transactAddr(dep: Department): string {
  const zone = ZONES[dep.zone];
  return `辽宁省政务服务中心 ${zone.floor} ${zone.name}`;
}

/** 基本编码, 12 digits: 000 + department domain + item sequence + 000. */
export function catalogCode(dep: Department, seq: number): string {
  return `000${dep.domain}${String(seq).padStart(3, "0")}000`;
}

/** 实施编码: the department's code, 4 (省级), the basic code; 31 characters. */
export function taskCode(dep: Department, catalog: string): string {
  return `${deptCode(dep.key)}4${catalog}`;
}

export function handleItem(task: string, index: number, single: boolean): string {
  return single ? "" : `${task}${String(index + 1).padStart(2, "0")}`;
}

export function itemUrl(catalog: string): string {
  return `${SITE}${catalog}`;
}

export function businessTypeUrls(catalog: string, index: number, single: boolean): { pc: string; mobile: string } {
  const tail = single ? "" : `/${String(index + 1).padStart(2, "0")}`;
  return { pc: `${SITE}${catalog}${tail}`, mobile: `${MOBILE_SITE}${catalog}${tail}` };
}

/** A stable GUID-shaped row id derived from what the row is, not from its position. */
export function rowGuid(...parts: Array<string | number>): string {
  const hex = createHash("sha1").update(parts.join("|")).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
