import type { Brief } from '../../domain/pleger-brief.js';

/**
 * The letter as a Word document the handler opens, checks, signs and sends. docx is loaded on
 * the first letter only, so a bot that never writes one does not pay for it at start.
 */
export async function briefDocx(brief: Brief): Promise<Buffer> {
  const { Document, HeadingLevel, Packer, Paragraph, TextRun } = await import('docx');
  const line = (text: string): InstanceType<typeof Paragraph> => new Paragraph({ children: [new TextRun(text)] });
  const children = [
    ...brief.kop.map(line),
    new Paragraph({}),
    ...brief.blokken.flatMap((blok) => [
      ...(blok.kop ? [new Paragraph({ text: blok.kop, heading: HeadingLevel.HEADING_2 })] : []),
      // the handler's texts keep their own line breaks
      ...blok.alineas.flatMap((a) => a.split(/\r?\n/).map(line)),
      new Paragraph({}),
    ]),
    ...brief.ondertekening.map(line),
  ];
  const doc = new Document({
    creator: brief.kop[0] ?? '',
    title: brief.bestandsnaam,
    styles: { default: { document: { run: { font: 'Arial', size: 22 } } } },
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}
