/**
 * The overview of open meldingen (`overzicht`): for the coordinator all of them, for a handler
 * their own. Numbers, categories, states, roles and deadlines only: never what happened or who did it.
 */
export const overzicht = {
  title: 'Overzicht open meldingen',
  titleEigen: 'Uw open meldingen',
  toelichting: 'Op urgentie: de meest verlopen of eerstvolgende termijn bovenaan.',
  geen: 'Er zijn geen open meldingen met deze status.',
  regel: 'Melding {number} · {category}',
  status: 'Status: {status}',
  behandelaar: 'Behandelaar: {role} ({names})',
  behandelaarZonderNaam: 'Behandelaar: {role}',
  volgende: 'Volgende termijn: {deadline}',
  geenTermijn: 'Geen openstaande termijn.',
  verlopen: 'Verlopen: {deadline}',
  termijn: '{label} {due}',
  taak: 'Taak: {taak}, {wanneer}',
  meer: 'En nog {count} open meldingen; kies een status om ze te zien.',
  openen: 'Openen',
  filter: {
    label: 'Status',
    alle: 'Alle open meldingen',
    tonen: 'Toon',
  },
  geweigerd: 'Het overzicht van meldingen is alleen voor de coördinator en de behandelaars van meldingen.',
  alleenPersoonlijk: 'Uw overzicht toont alleen uw eigen meldingen. Typ overzicht in uw 1-op-1 chat met Weerbaar; in een kanaal lezen anderen mee.',
  alleenKanaal: 'Het volledige overzicht kan alleen in het gekoppelde kanaal van de coördinator of in uw 1-op-1 chat met Weerbaar: hier lezen anderen mee.',
} as const;
