/** One character's strokes as the visitor wrote them: [x, y] points, 0–1000 on both axes, y down. */
export type Strokes = ReadonlyArray<ReadonlyArray<readonly [number, number]>>;

/** Recognises a handwritten character. The hub runs one; the kiosk only sends strokes. */
export interface HandwritingRecognizer {
  /** false when the engine (or its model) is not installed here: recognition is refused, everything else works */
  readonly available: boolean;
  /** what is missing when unavailable, for the log and the refusal */
  readonly missing: string | null;
  /** the `limit` most likely characters, best first */
  recognize(strokes: Strokes, limit: number): Promise<string[]>;
  close(): Promise<void>;
}
