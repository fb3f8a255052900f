import assert from 'node:assert/strict';
import { UnknownRoleError } from '../../src/domain/errors.js';
import { getProfile, PROFILE_IDS } from '../../src/domain/profiles/index.js';
import { actingRoles, doubtContactsFor, roleLabel, route } from '../../src/domain/route.js';
import { RoutingSchema } from '../../src/domain/incident-schema.js';
import { AMBTSDRAGER_ROLES, type AmbtsdragerRole, type FunctionarisRole, type Role } from '../../src/domain/types.js';

interface Expected {
  handlers: FunctionarisRole[];
  informed: Role[];
  /** only with the melder's consent; none when absent */
  informedWithConsent?: Role[];
  nazorgGivers: FunctionarisRole[];
}
type Table = Partial<Record<AmbtsdragerRole, Expected>>;

const griffie = { handlers: ['griffier', 'plaatsvervangend-griffier'], informed: ['burgemeester'], nazorgGivers: ['burgemeester', 'griffier'] } satisfies Expected;
const wethouderNijmegen = { handlers: ['burgemeester', 'gemeentesecretaris'], informed: [], nazorgGivers: ['burgemeester', 'gemeentesecretaris'] } satisfies Expected;
const burgemeesterNijmegen = { handlers: ['gemeentesecretaris'], informed: [], nazorgGivers: ['gemeentesecretaris'] } satisfies Expected;

/** Nijmegen protocol 6.1 and 6.3. */
const NIJMEGEN: Table = {
  raadslid: griffie,
  fractievolger: griffie,
  fractiemedewerker: griffie,
  wethouder: wethouderNijmegen,
  burgemeester: burgemeesterNijmegen,
  'oud-raadslid': griffie,
  'oud-wethouder': wethouderNijmegen,
  'oud-burgemeester': burgemeesterNijmegen,
};

const raadModel = { handlers: ['griffier'], informed: ['burgemeester'], nazorgGivers: ['griffier'] } satisfies Expected;
const wethouderModel = { handlers: ['burgemeester'], informed: ['gemeentesecretaris'], nazorgGivers: ['burgemeester'] } satisfies Expected;
const burgemeesterModel = { handlers: ['gemeentesecretaris'], informed: ['griffier', 'ambtenaar-oov'], nazorgGivers: ['gemeentesecretaris'] } satisfies Expected;

/** Model protocol 5.1 and 5.3. */
const MODEL: Table = {
  raadslid: raadModel,
  fractievolger: raadModel,
  fractiemedewerker: raadModel,
  wethouder: wethouderModel,
  burgemeester: burgemeesterModel,
  'oud-raadslid': raadModel,
  'oud-wethouder': wethouderModel,
  'oud-burgemeester': burgemeesterModel,
};

const raadUtrecht = { handlers: ['griffier'], informed: [], informedWithConsent: ['burgemeester'], nazorgGivers: ['griffier'] } satisfies Expected;
const wethouderUtrecht = { handlers: ['gemeentesecretaris'], informed: [], informedWithConsent: ['burgemeester'], nazorgGivers: ['gemeentesecretaris'] } satisfies Expected;
const burgemeesterUtrecht = {
  handlers: ['gemeentesecretaris'], informed: ['griffier'], informedWithConsent: ['commissaris-van-de-koning'], nazorgGivers: ['gemeentesecretaris'],
} satisfies Expected;

/**
 * Utrecht handreiking section 2 (the table "meldt aan -> afhandeling -> geïnformeerd"). The column is
 * "indicatief": the political ambtsdragers in it are informed only with the melder's consent, the officials as named.
 */
const UTRECHT: Table = {
  'commissaris-van-de-koning': {
    handlers: ['provinciesecretaris'], informed: ['statengriffier'], informedWithConsent: ['minister-bzk'], nazorgGivers: ['provinciesecretaris'],
  },
  gedeputeerde: { handlers: ['provinciesecretaris'], informed: [], informedWithConsent: ['commissaris-van-de-koning'], nazorgGivers: ['provinciesecretaris'] },
  burgemeester: burgemeesterUtrecht,
  wethouder: wethouderUtrecht,
  dijkgraaf: {
    handlers: ['secretaris-directeur'], informed: ['secretaris'], informedWithConsent: ['commissaris-van-de-koning'], nazorgGivers: ['secretaris-directeur'],
  },
  'dagelijks-bestuurslid': { handlers: ['secretaris-directeur'], informed: [], informedWithConsent: ['dijkgraaf'], nazorgGivers: ['secretaris-directeur'] },
  raadslid: raadUtrecht,
  statenlid: { handlers: ['statengriffier'], informed: [], informedWithConsent: ['commissaris-van-de-koning'], nazorgGivers: ['statengriffier'] },
  'algemeen-bestuurslid': { handlers: ['secretaris'], informed: [], informedWithConsent: ['dijkgraaf'], nazorgGivers: ['secretaris'] },
  'oud-raadslid': raadUtrecht,
  'oud-wethouder': wethouderUtrecht,
  'oud-burgemeester': burgemeesterUtrecht,
};

const TABLES: Record<(typeof PROFILE_IDS)[number], Table> = { nijmegen: NIJMEGEN, modelprotocol: MODEL, utrecht: UTRECHT };

describe('route', () => {
  for (const id of PROFILE_IDS) {
    const profile = getProfile(id);
    const table = TABLES[id];
    describe(`profile ${id}`, () => {
      it('knows exactly the roles of its table', () => {
        assert.deepEqual(new Set(profile.roles), new Set(Object.keys(table)));
      });
      for (const role of AMBTSDRAGER_ROLES) {
        const expected = table[role];
        if (expected) {
          it(`${role} -> ${expected.handlers.join(' / ')}; informed ${expected.informed.join(', ') || '-'}`, () => {
            const routing = route(profile, role);
            // Utrecht's coördinator VPT advises on request; Nijmegen's and the model's coordinator is informed of all
            assert.deepEqual(routing, { informedWithConsent: [], ...expected, coordinator: id !== 'utrecht' });
            RoutingSchema.parse(routing);
          });
        } else {
          it(`${role} is unknown and throws a typed error`, () => {
            assert.throws(
              () => route(profile, role),
              (err: unknown) => err instanceof UnknownRoleError && err.code === 'unknown-role' && err.role === role && err.profileId === id,
            );
          });
        }
      }
      it('has a Dutch label for every role it routes to', () => {
        for (const role of profile.roles) {
          const routing = route(profile, role);
          for (const r of [role, ...routing.handlers, ...routing.informed, ...routing.informedWithConsent, ...routing.nazorgGivers]) {
            assert.ok(profile.roleLabels[r], `${id}: no label for ${r}`);
            assert.ok(roleLabel(profile, r).length > 0);
          }
        }
      });
    });
  }

  describe('a melding from a council meeting (Nijmegen 5, model protocol: the voorzitter decides on aangifte with the griffier)', () => {
    const nijmegen = getProfile('nijmegen');
    it('adds the voorzitter for a raadslid, who is handled by the griffier', () => {
      const r = route(nijmegen, 'raadslid', 'vergadering');
      assert.deepEqual(r.handlers, ['griffier', 'plaatsvervangend-griffier']);
      assert.deepEqual(r.vergadering, ['burgemeester']);
      assert.ok(!r.informed.includes('burgemeester') && !r.informedWithConsent.includes('burgemeester'), 'not informed twice');
    });
    it('adds the griffier for a wethouder, whose melding the burgemeester already handles', () => {
      assert.deepEqual(route(nijmegen, 'wethouder', 'vergadering').vergadering, ['griffier']);
    });
    it('leaves out the voorzitter when the burgemeester is the one it happened to', () => {
      assert.deepEqual(route(nijmegen, 'burgemeester', 'vergadering').vergadering, ['griffier']);
    });
    it('adds nobody elsewhere, nor in a profile without the rule', () => {
      assert.equal(route(nijmegen, 'raadslid', 'e-mail').vergadering, undefined);
      assert.equal(route(nijmegen, 'raadslid').vergadering, undefined);
      assert.equal(route(getProfile('utrecht'), 'raadslid', 'vergadering').vergadering, undefined);
      assert.deepEqual(route(getProfile('modelprotocol'), 'raadslid', 'vergadering').vergadering, ['burgemeester']);
    });
    it('lets them act on the melding beside its handlers', () => {
      assert.deepEqual(actingRoles(route(nijmegen, 'raadslid', 'vergadering')), ['griffier', 'plaatsvervangend-griffier', 'burgemeester']);
    });
  });

  it('routes a melding namens by the ambtsdrager, not the melder: a fractiemedewerker reporting for a wethouder', () => {
    const profile = getProfile('nijmegen');
    assert.deepEqual(route(profile, 'wethouder').handlers, ['burgemeester', 'gemeentesecretaris']);
  });

  it('labels roles in Dutch as the sources write them', () => {
    const utrecht = getProfile('utrecht');
    assert.equal(roleLabel(utrecht, 'raadslid'), 'gemeenteraadslid');
    assert.equal(roleLabel(utrecht, 'commissaris-van-de-koning'), 'Commissaris van de Koning');
    assert.equal(roleLabel(utrecht, 'minister-bzk'), 'minister van Binnenlandse Zaken en Koninkrijksrelaties');
    assert.equal(roleLabel(getProfile('nijmegen'), 'plaatsvervangend-griffier'), 'plaatsvervangend griffier');
  });

  it('names the coordinator by the profile', () => {
    assert.equal(roleLabel(getProfile('modelprotocol'), 'coordinator'), 'coördinator agressie en geweld');
    assert.equal(roleLabel(getProfile('utrecht'), 'coordinator'), 'coördinator Veilige Publieke Taak (VPT)');
    assert.equal(roleLabel(getProfile('nijmegen'), 'coordinator'), 'aangewezen ambtenaar Veiligheid');
  });

  it('gives the doubt contacts of the protocol, or the handlers where it names none', () => {
    assert.deepEqual(doubtContactsFor(getProfile('nijmegen'), 'raadslid'), ['gemeentesecretaris', 'griffier', 'burgemeester']);
    assert.deepEqual(doubtContactsFor(getProfile('modelprotocol'), 'wethouder'), ['burgemeester', 'griffier']);
    assert.deepEqual(doubtContactsFor(getProfile('utrecht'), 'dijkgraaf'), ['secretaris-directeur']);
  });
});
