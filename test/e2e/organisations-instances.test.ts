import assert from 'node:assert/strict';
import { loadConfig } from '../../src/config.js';
import { DraftSchema } from '../../src/flows/report/draft.js';
import type { TurnInput } from '../../src/flows/types.js';
import { initialize, type Weerbaar } from '../../src/initialize.js';
import { createLogger } from '../../src/logger.js';
import { startAzurite, type AzuriteHandle } from '../support/azurite.js';
import { cardText, PEOPLE } from '../support/bot.js';
import { GEMEENTE_NIJMEGEN, writeOrganisationsFile } from '../support/organisations-file.js';

/** Two instances of one deployment on one storage account: a screenshot joins the melding it belongs to, whichever instance gets it. */

const GEMEENTE = 'gemeente-nijmegen';
const PROVINCIE = 'provincie-utrecht';
const FLEUR = PEOPLE.raadslid;

function organisationsFile(): string {
  return writeOrganisationsFile([
    GEMEENTE_NIJMEGEN,
    { id: PROVINCIE, name: 'Provincie Utrecht', profile: 'utrecht', people: [{ aadObjectId: FLEUR.aadObjectId, name: FLEUR.name, roles: ['statenlid'], teamsUserId: FLEUR.id }] },
  ]);
}

describe('two instances of a deployment for several organisations', function () {
  this.timeout(60_000);
  let az: AzuriteHandle;
  let one: Weerbaar;
  let two: Weerbaar;

  before(async () => {
    az = await startAzurite();
    const config = loadConfig({ STORAGE_CONNECTION_STRING: az.connectionString, LOG_LEVEL: 'silent', WEERBAAR_ORGANISATIONS_FILE: organisationsFile() });
    one = await initialize(config, createLogger('silent'));
    two = await initialize(config, createLogger('silent'));
  });
  after(() => az.stop());

  const turn = (event: TurnInput['event']): TurnInput => ({
    event,
    actor: { aadObjectId: FLEUR.aadObjectId, name: FLEUR.name, teamsUserId: FLEUR.id },
    conversation: { kind: 'personal', ref: { channelId: 'msteams', serviceUrl: 'https://smba.example/', conversation: { id: `personal-${FLEUR.id}` } } },
    now: new Date(),
  });
  const start = (org: string) => turn({ kind: 'action', verb: 'melding.start', data: { verb: 'melding.start', org }, via: 'execute' });
  const screenshot = turn({ kind: 'message', text: '', attachments: [{ name: 'scherm.png', contentType: 'image/png', ref: 'https://teams.example/scherm.png' }] });
  const attachmentsIn = async (org: string) => (await one.services.store.drafts(DraftSchema).get(org, FLEUR.aadObjectId))?.value.attachments.map((a) => a.name);

  it("puts a screenshot in the draft she started on the other instance, never in the other organisation's; asks when she has one in both", async () => {
    await one.handle(start(PROVINCIE));
    await two.handle(screenshot);
    assert.deepEqual(await attachmentsIn(PROVINCIE), ['scherm.png']);
    assert.equal(await attachmentsIn(GEMEENTE), undefined, 'no draft in the gemeente');

    await two.handle(start(GEMEENTE));
    const asked = await one.handle(screenshot);
    assert.match(cardText(asked.card), /Voor welke organisatie is dit\?/);
    assert.deepEqual(await attachmentsIn(PROVINCIE), ['scherm.png'], 'nothing added before she chooses');
    assert.deepEqual(await attachmentsIn(GEMEENTE), []);
  });
});
