/**
 * Prints the frame the hub renders for a strip, as text (`#` lit), in a process of its own: the font setup of
 * the process (fontconfig's environment) is what the test varies. Usage: print-strip-frame.ts WIDTH HEIGHT TEXT…
 */
import { renderStrip } from '../../src/adapters/led/render-strip.js';
import { frameToText } from '../../src/adapters/led/strip-bitmap.js';

const [width, height, ...texts] = process.argv.slice(2);
renderStrip(texts, Number(width), Number(height)).then(
  (frame) => process.stdout.write(`${frameToText(frame)}\n`),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
