import assert from 'node:assert/strict';
import JSZip from 'jszip';
import { DateTime } from 'luxon';
import type { Services } from '../../src/flows/services.js';
import { STEP_ANSWERS } from '../support/melding.js';

/** A melding full of what a letter or an inzage must never show: the melder's home, private numbers, health, consents. */
export const PRIVATE = {
  locatie: 'Bij mij thuis, Dorpsstraat 12, Lokaal',
  telefoon: '06-98765432',
  email: 'fleur.prive@example.nl',
  beschrijving: 'Hij stond bij mijn huis en belde mij op 06-98765432 en mailde naar fleur.prive@example.nl. Ik heb sindsdien hoofdpijn en slaap slecht.',
  /** the ambtsdrager's work address from the people file, and her name */
  werkEmail: 'fleur.devries@gemeente-lokaal.example',
  naam: 'Fleur de Vries',
  /** the melder's Entra object id (config/people.local.json) */
  entraId: '00000000-0000-0000-0000-000000000021',
  toelichting: 'Intern: de burgemeester wil hier zelf nog naar kijken.',
} as const;

export const ANSWERS = {
  ...STEP_ANSWERS,
  wanneer: { ...STEP_ANSWERS['wanneer'], locatie: PRIVATE.locatie },
  wat: { ...STEP_ANSWERS['wat'], beschrijving: PRIVATE.beschrijving },
  pleger: { bekend: 'ja', naam: 'Piet Pleger', eerderContact: 'nee' },
  impact: { ...STEP_ANSWERS['impact'], letsel: 'ja', ziekenhuis: 'ja', toestemmingAangifte: 'ja', toestemmingInformeren: 'ja' },
};

/** Words that would tell the reader about the melder's health or consents. */
export const NEVER_WORDS = [/letsel/i, /ziekenhuis/i, /toestemming/i, /hoofdpijn/i, /Dorpsstraat/, /Raadzaal/];

/** A date on the Amsterdam calendar, `days` from today. */
export function day(days: number): string {
  return DateTime.now().setZone('Europe/Amsterdam').plus({ days }).toISODate() ?? '';
}

/** The url of the card's Action.OpenUrl with this title. */
export function openUrl(card: unknown, title: string): string | undefined {
  let found: string | undefined;
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (o['type'] === 'Action.OpenUrl' && o['title'] === title && typeof o['url'] === 'string') found = o['url'];
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return found;
}

/** The file behind a download link, as the download route would serve it. */
export async function fetched(services: Services, url: string): Promise<Buffer> {
  const opened = await services.downloads.open(new URL(url).pathname, new Date());
  assert.equal(opened.status, 'ok');
  assert.ok(opened.status === 'ok');
  return opened.file.body;
}

/** The text of a Word file (word/document.xml, paragraphs on lines), and every XML part of it as one string. */
export async function docxText(body: Buffer): Promise<{ text: string; all: string }> {
  const zip = await JSZip.loadAsync(body);
  const parts = await Promise.all(Object.values(zip.files).filter((f) => f.name.endsWith('.xml')).map((f) => f.async('string')));
  const document = await zip.file('word/document.xml')?.async('string');
  assert.ok(document, 'a Word file has word/document.xml');
  const text = document
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
  return { text, all: parts.join('\n') };
}
