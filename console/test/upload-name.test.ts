import { describe, expect, it } from 'vitest';
import { uploadName } from '../src/signage/upload-name.js';

describe('the name an upload is sent under', () => {
  it('keeps the file’s extension, which the hub checks against the type and the bytes', () => {
    expect(uploadName('办税指南', '办税指南.PNG')).toBe('办税指南.PNG');
    expect(uploadName(' 冬季宣传 ', 'clip.webm')).toBe('冬季宣传.webm');
    expect(uploadName('海报.png', 'x.PNG')).toBe('海报.png');
    expect(uploadName('', 'guide.pdf')).toBe('guide.pdf');
    expect(uploadName('说明', 'README')).toBe('说明');
  });
});
