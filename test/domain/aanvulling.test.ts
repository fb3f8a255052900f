import assert from 'node:assert/strict';
import { ontbrekend } from '../../src/domain/aanvulling.js';
import { proposeCategory } from '../../src/domain/classify.js';

describe('aanvulling: what a short melding lacks, and the category proposed from its description', () => {
  it('proposes the heaviest column the words point at', () => {
    assert.deepEqual(proposeCategory('Hij schold me uit en sloeg daarna tegen mijn arm.'), { category: 'fysiek-geweld', grond: 'beschrijving' });
    assert.deepEqual(proposeCategory('Ze zei dat ze wist waar ik woon; ik voel me bedreigd.'), { category: 'bedreiging-intimidatie', grond: 'beschrijving' });
    assert.deepEqual(proposeCategory('Een bezoeker noemde mij een landverrader.'), { category: 'verbale-agressie', grond: 'beschrijving' });
  });

  it('says when the description gives no ground, and proposes verbal aggression then', () => {
    assert.deepEqual(proposeCategory('Iemand stond lang bij de deur te wachten.'), { category: 'verbale-agressie', grond: 'geen-aanwijzing' });
  });

  it('reads what is missing from what is absent, the online part only for a written incident', () => {
    const kort = { doelwitten: [], pleger: { bekend: false }, kanaal: 'e-mail' as const, deadlines: [] };
    assert.deepEqual(ontbrekend(kort), ['doelwitten', 'classificatie', 'categorie', 'pleger', 'online', 'impact']);
    assert.deepEqual(ontbrekend({ ...kort, kanaal: 'persoonlijk' }), ['doelwitten', 'classificatie', 'categorie', 'pleger', 'impact']);
    const vastgesteld = { value: 'fysiek-geweld' as const, by: { aadObjectId: 'x' }, at: '2026-12-01T10:00:00.000Z' };
    assert.ok(!ontbrekend({ ...kort, categorieVastgesteld: vastgesteld }).includes('categorie'), 'a handler settled it');
    const compleet = {
      doelwitten: ['ambtsdrager' as const],
      answers: { gerichtOp: 'jij' as const, bedreiging: false, fysiekGeweld: false, gecorrigeerd: false, aanhoudend: false },
      pleger: { bekend: false, eerderContact: false },
      kanaal: 'persoonlijk' as const,
      impact: { letsel: false, ziekenhuis: false, steunNodig: false, toestemmingAangifte: false, toestemmingInformeren: false, nazorgGewenst: true },
    };
    assert.deepEqual(ontbrekend(compleet), []);
  });
});
