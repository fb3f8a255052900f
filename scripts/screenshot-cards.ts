/**
 * The first half of `npm run screenshots` (the second runs the browser tests with
 * SCREENSHOT_DIR=docs/screenshots): a picture of every card template in cards/, for the README and
 * for designers, in docs/screenshots/cards/<template>.png.
 * Each template is expanded with renderCard and sample data, posted into the personal chat of
 * an Agents Playground and photographed there: the Playground renders with the same Fluent UI
 * Adaptive Cards renderer as Teams (the `adaptivecards` npm package in node_modules is 1.2,
 * which knows neither input labels nor Action.Execute, so its pictures would lie).
 * Templates without sample data here are listed, not drawn: add a sample when you add a template.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { renderCard, templateNames } from '../src/cards/render.js';
import { getProfile } from '../src/domain/profiles/index.js';
import { nl } from '../src/shared/i18n/nl.js';
import { ROOT, cardWith, startStack } from '../test/browser/support/stack.js';

const { hulplijnen } = getProfile('nijmegen');
const draftId = 'voorbeeld-concept';

/** Sample data per template, shaped as the flows pass it. */
const SAMPLES: Record<string, Record<string, unknown>> = {
  welcome: { hulplijnen, hasDraft: false, personalOnly: false },
  helplines: {
    hulplijnen: hulplijnen.map((h) => ({
      ...h,
      link: `[${h.nummer}](tel:${h.nummer.replace(/\s/g, '')})`,
      toelichting: h.toelichting ?? '',
    })),
  },
  message: { title: '', message: nl.errors.generic, style: 'attention', showHome: true },
  'melding-veiligheid': { draftId },
  'melding-onveilig': { draftId, advice: nl.melding.unsafe.advice.map((text) => ({ text })), hulplijnen },
  'melding-annuleren': { draftId, step: 'wat' },
};

async function main(): Promise<void> {
  const names = templateNames();
  const missing = names.filter((n) => !SAMPLES[n]);
  const outDir = join(ROOT, 'docs', 'screenshots', 'cards');
  mkdirSync(outDir, { recursive: true });

  const stack = await startStack({ people: ['raadslid'] });
  try {
    const page = stack.page('raadslid');
    const url = `${stack.playgroundUrl('raadslid')}/_connector/v3/conversations/personal-chat-raadslid/activities`;
    for (const name of names.filter((n) => SAMPLES[n])) {
      const card = renderCard(name, SAMPLES[name]!);
      // a marker to find this card by; the Playground shows no message ids
      const marker = `Voorbeeld: ${name}`;
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message',
          text: marker,
          attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
        }),
      });
      if (!res.ok) throw new Error(`${name}: de Playground weigerde de kaart (${res.status})`);
      await page.getByText(marker).last().waitFor();
      const shown = cardWith(page, firstText(card) ?? '');
      await shown.waitFor();
      const path = join(outDir, `${name}.png`);
      await shown.screenshot({ path, animations: 'disabled' });
      console.info(`  ${path}`);
    }
  } finally {
    await stack.stop();
  }
  if (missing.length > 0) console.warn(`Geen voorbeelddata (niet getekend): ${missing.join(', ')}`);
}

/** The first TextBlock's text: enough to tell this card from the welcome card already in the chat. */
function firstText(card: Record<string, unknown>): string | undefined {
  const body = card['body'];
  if (!Array.isArray(body)) return undefined;
  for (const item of body as unknown[]) {
    if (typeof item === 'object' && item !== null && 'text' in item && typeof item.text === 'string' && item.text !== '') {
      return item.text;
    }
  }
  return undefined;
}

main().catch((err: unknown) => {
  console.error(`Screenshots mislukt: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
