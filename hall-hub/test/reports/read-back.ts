import { extractText, getDocumentProxy } from 'unpdf';

/** RFC 4180, enough for our files: quoted fields with doubled quotes, CRLF records. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  const endField = () => {
    record.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endField();
    else if (c === '\r' && text[i + 1] === '\n') {
      endField();
      rows.push(record);
      record = [];
      i++;
    } else field += c;
  }
  return rows;
}

export async function pdfText(bytes: Buffer): Promise<string> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  return (await extractText(pdf, { mergePages: true })).text;
}

/** A run of text as a PDF reader places it: its page and its box in points (origin bottom left). */
export interface PlacedText {
  page: number;
  str: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Every run of text of a PDF with where it sits on its page, read by pdf.js as a viewer would. */
export async function placedText(bytes: Buffer): Promise<PlacedText[]> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const out: PlacedText[] = [];
  for (let p = 1; p <= pdf.numPages; p++) {
    const content = await (await pdf.getPage(p)).getTextContent();
    for (const item of content.items) {
      if (!('str' in item) || item.str.trim() === '') continue;
      out.push({ page: p, str: item.str, x: item.transform[4] as number, y: item.transform[5] as number, width: item.width, height: item.height });
    }
  }
  return out;
}
