/** Screen sizes a display can be configured for, and the design each uses (the page is scaled to fit exactly). */
export type Design = 'standard' | 'wide' | 'compact' | 'portrait';

export interface LayoutSpec {
  width: number;
  height: number;
  design: Design;
  /** windows per page of the hall wall's window grid */
  windowsPerPage: number;
  /** recent calls listed under the newest one */
  recentCalls: number;
  /** queue lines per page of the waiting panel */
  linesPerPage: number;
}

const SPECS: Record<string, LayoutSpec> = {
  '1920x1080': { width: 1920, height: 1080, design: 'standard', windowsPerPage: 28, recentCalls: 3, linesPerPage: 6 },
  '1280x720': { width: 1920, height: 1080, design: 'standard', windowsPerPage: 28, recentCalls: 3, linesPerPage: 6 },
  '1366x768': { width: 1920, height: 1080, design: 'standard', windowsPerPage: 28, recentCalls: 3, linesPerPage: 6 },
  '3840x1080': { width: 3840, height: 1080, design: 'wide', windowsPerPage: 60, recentCalls: 4, linesPerPage: 10 },
  '1152x576': { width: 1152, height: 576, design: 'compact', windowsPerPage: 12, recentCalls: 1, linesPerPage: 3 },
  '1080x1920': { width: 1080, height: 1920, design: 'portrait', windowsPerPage: 24, recentCalls: 3, linesPerPage: 12 },
};

/** The layout's design size; 1280×720 and 1366×768 draw the 1920×1080 design scaled down. */
export function layoutSpec(layout: string): LayoutSpec {
  return SPECS[layout] ?? SPECS['1920x1080']!;
}

export function layoutPixels(layout: string): { width: number; height: number } {
  const m = /^(\d+)x(\d+)$/.exec(layout);
  return m ? { width: Number(m[1]), height: Number(m[2]) } : { width: 1920, height: 1080 };
}
