/** The kinds of display-control documents the hub keeps. */
export type DisplayDocKind = 'settings' | 'group' | 'notice' | 'emergency' | 'schedule' | 'media';

export interface StoredAlert {
  id: number;
  displayId: string;
  kind: 'down';
  raisedAt: number;
  clearedAt: number | null;
}

/** Where display control keeps its documents, images, screenshots and alerts. */
export interface DisplayStore {
  all(kind: DisplayDocKind): unknown[];
  put(kind: DisplayDocKind, id: string, doc: unknown, at: number): void;
  remove(kind: DisplayDocKind, id: string): boolean;
  putMediaFile(id: string, mime: string, bytes: Buffer): void;
  mediaFile(id: string): { mime: string; bytes: Buffer } | null;
  removeMediaFile(id: string): void;
  putScreenshot(displayId: string, at: number, mime: string, bytes: Buffer): void;
  screenshot(displayId: string): { at: number; mime: string; bytes: Buffer } | null;
  raiseAlert(displayId: string, at: number): StoredAlert;
  clearAlert(displayId: string, at: number): StoredAlert | null;
  openAlert(displayId: string): StoredAlert | null;
  alerts(opts: { openOnly: boolean; limit: number }): StoredAlert[];
}
