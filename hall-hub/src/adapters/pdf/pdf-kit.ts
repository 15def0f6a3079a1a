import type PDFDocument from 'pdfkit';

/** What every section of a report PDF shares: the document type, the page's measures and colours, a table. */
export type Doc = InstanceType<typeof PDFDocument>;
export type Cell = string | number | null;
export type Column = [title: string, width: number, align: 'left' | 'right'];

export const MARGIN = 36;
export const INK = '#1a1a1a';
export const MUTED = '#555555';
export const RULE = '#c8c8c8';
export const BLUE = '#1f5fa8';
export const GREEN = '#2e7d32';

export const num = (v: Cell): string => (v === null ? '—' : String(v));
export const pct = (v: number | null): string => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/** A table with a header row, repeated on each new page; columns are [title, width, align]. */
export function table(doc: Doc, title: string, columns: Column[], rows: Cell[][]): void {
  const rowH = 16;
  const bottom = () => doc.page.height - MARGIN;
  const header = () => {
    let x = MARGIN;
    const y = doc.y;
    doc.font('bold').fontSize(8).fillColor(INK);
    for (const [head, w, align] of columns) {
      doc.text(head, x + 2, y + 3, { width: w - 4, align, lineBreak: false });
      x += w;
    }
    doc.moveTo(MARGIN, y + rowH).lineTo(x, y + rowH).strokeColor(INK).lineWidth(0.8).stroke();
    doc.y = y + rowH;
  };
  if (doc.y + 3 * rowH + 20 > bottom()) doc.addPage();
  doc.font('bold').fontSize(11).fillColor(BLUE).text(title, MARGIN, doc.y + 8);
  doc.moveDown(0.3);
  header();
  doc.font('regular').fontSize(8).fillColor(INK);
  for (const row of rows) {
    if (doc.y + rowH > bottom()) {
      doc.addPage();
      header();
      doc.font('regular').fontSize(8).fillColor(INK);
    }
    let x = MARGIN;
    const y = doc.y;
    row.forEach((c, i) => {
      const [, w, align] = columns[i]!;
      doc.text(num(c), x + 2, y + 4, { width: w - 4, align, lineBreak: false, ellipsis: true });
      x += w;
    });
    doc.moveTo(MARGIN, y + rowH).lineTo(x, y + rowH).strokeColor(RULE).lineWidth(0.4).stroke();
    doc.y = y + rowH;
  }
  doc.x = MARGIN;
}

