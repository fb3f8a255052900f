/**
 * The protocol's own words: categories, meldplicht, roles, maatregelen, states, and the
 * messages of the domain's rules (src/domain reads these). Norm and reporting texts follow the schema "Emotie of agressie?" of the Nijmegen
 * protocol (the model protocol and the Utrecht handreiking print the same schema).
 */
export const protocol = {
  category: {
    label: {
      'emotioneel-eigen-situatie': 'Emotioneel gedrag: eigen situatie ("ik")',
      'emotioneel-kritiek': 'Emotioneel gedrag: kritiek op beleid of bestuur ("jullie")',
      'verbale-agressie': '(Non-)verbale agressie: persoonlijk gericht ("jij")',
      'bedreiging-intimidatie': 'Bedreiging of intimidatie',
      'fysiek-geweld': 'Fysiek geweld',
    },
    norm: {
      'emotioneel-eigen-situatie':
        'Burgers mogen klagen en boos en geïrriteerd zijn. In de aanpak is de politieke ambtsdrager aan zet.',
      'emotioneel-kritiek':
        'Burgers mogen kritiek hebben op het beleid en de regelgeving en mogen dit uiten en boos en geïrriteerd zijn. In de aanpak is de politieke ambtsdrager aan zet.',
      'verbale-agressie':
        'Burgers mogen in hun emotionele gedrag niet persoonlijk worden richting politieke ambtsdragers, ook niet online. Het gesprek of contact gaat pas verder wanneer de burger met dit gedrag stopt. Als het gedrag niet stopt, wordt het gesprek of contact beëindigd en worden passende maatregelen genomen.',
      'bedreiging-intimidatie':
        'Burgers mogen politieke ambtsdragers niet bedreigen of intimideren, ook niet online. In zo\'n geval wordt het gesprek of contact beëindigd en worden gepaste maatregelen genomen.',
      'fysiek-geweld':
        'De veiligheid van politieke ambtsdragers gaat boven alles. Burgers mogen dus niet fysiek worden naar personen, dieren en/of zaken.',
    },
    /** Plain-Dutch explanation for the "Ik twijfel" card. */
    uitleg: {
      'emotioneel-eigen-situatie':
        'De persoon heeft het vooral over zichzelf en de eigen situatie ("ik"): vraagt om begrip of een uitzondering, klaagt of claimt. Dat is emotie, geen agressie. U mag het zelf afhandelen. Melden mag altijd; houdt het aan en ontstaat er een patroon, dan raden we melden aan.',
      'emotioneel-kritiek':
        'De persoon heeft kritiek op regels, beleid of het bestuur ("jullie"): gaat in discussie, beschuldigt of roept ter verantwoording. Dat mag, ook boos. U mag het zelf afhandelen. Melden mag altijd; houdt het aan en ontstaat er een patroon, dan raden we melden aan.',
      'verbale-agressie':
        'Het gedrag is op u persoonlijk gericht ("jij"): treiteren, uitlokken, schelden, belachelijk maken, beledigen, smaad of laster, ook online. Dat is niet toegestaan. Stopte de persoon nadat u er iets van zei, dan hoeft u niet te melden. Gaat het door, dan meldt u het.',
      'bedreiging-intimidatie':
        'Dreigen (met of zonder woorden), dreigen met geweld, intimideren, seksuele intimidatie of stalking (appjes, e-mails, bellen, ongewenste cadeaus, achtervolgen). Ook dreigen tegen uw naasten, huisdieren of spullen telt mee. Dit meldt u altijd.',
      'fysiek-geweld':
        'Schoppen, slaan, spugen, beetpakken, trekken, vernielen of voorwerpen gooien, gericht op personen, dieren of zaken. Uw veiligheid gaat voor alles. Dit meldt u altijd.',
    },
    melden: {
      'emotioneel-eigen-situatie':
        'Melden mag, maar hoeft niet, tenzij het gedrag aanhoudt en er een patroon ontstaat; dan is melden aan te bevelen.',
      'emotioneel-kritiek':
        'Melden mag, maar hoeft niet, tenzij het gedrag aanhoudt en er een patroon ontstaat; dan is melden aan te bevelen.',
      'verbale-agressie':
        'Als de pleger zich positief corrigeert nadat hij is aangesproken, hoeft u niet te melden. Houdt het gedrag aan, dan meldt u het wél.',
      'bedreiging-intimidatie': 'Altijd melden, zodat het wordt afgehandeld volgens het protocol.',
      'fysiek-geweld': 'Altijd melden en afhandelen volgens het protocol.',
    },
  },
  meldenAltijd:
    'Wij accepteren geen grensoverschrijdend gedrag, melden het altijd en reageren altijd richting de pleger, ook als u zelf weinig of geen hinder ondervindt.',
  /** emotional behaviour under the profiles whose reporting rule is not the schema's own wording */
  meldenEmotioneel: {
    'tenzij-aanhoudend': 'Niet melden, tenzij het gedrag aanhoudt en er een patroon ontstaat; dan meldt u het wél.',
    altijd:
      'Burgers mogen klagen, kritiek hebben en boos zijn: dat hoeft u niet te melden. Houdt het gedrag aan, dan kan het grensoverschrijdend zijn en meldt u het altijd.',
  },
  meldplicht: {
    verplicht: 'Melden is verplicht',
    aanbevolen: 'Melden is aan te bevelen',
    facultatief: 'Melden mag, het hoeft niet',
    'niet-nodig': 'Melden is niet nodig',
  },
  twijfel:
    'Twijfelt u of dit gedrag over de grens gaat? U kunt altijd contact opnemen. In dat gesprek wordt bepaald of er vervolgstappen nodig zijn, en zo ja, welke.',
  roles: {
    raadslid: 'raadslid',
    fractievolger: 'fractievolger',
    fractiemedewerker: 'fractiemedewerker',
    wethouder: 'wethouder',
    burgemeester: 'burgemeester',
    'oud-raadslid': 'oud-raadslid',
    'oud-wethouder': 'oud-wethouder',
    'oud-burgemeester': 'oud-burgemeester',
    'commissaris-van-de-koning': 'Commissaris van de Koning',
    gedeputeerde: 'gedeputeerde',
    statenlid: 'Statenlid',
    dijkgraaf: 'dijkgraaf',
    'dagelijks-bestuurslid': 'dagelijks bestuurslid (waterschap)',
    'algemeen-bestuurslid': 'algemeen bestuurslid (waterschap)',
    griffier: 'griffier',
    'plaatsvervangend-griffier': 'plaatsvervangend griffier',
    gemeentesecretaris: 'gemeentesecretaris',
    coordinator: 'coördinator agressie en geweld',
    'ambtenaar-oov': 'ambtenaar Openbare Orde en Veiligheid',
    provinciesecretaris: 'provinciesecretaris',
    statengriffier: 'statengriffier',
    'minister-bzk': 'minister van Binnenlandse Zaken en Koninkrijksrelaties',
    'secretaris-directeur': 'secretaris-directeur',
    secretaris: 'secretaris',
  },
  maatregel: {
    'waarschuwing-mondeling': 'Mondelinge waarschuwing',
    'waarschuwing-schriftelijk': 'Schriftelijke waarschuwing',
    'beperking-dienstverlening': '(Tijdelijk) beperken van de dienstverlening',
    toegangsontzegging: '(Tijdelijk) ontzeggen van de toegang tot de gebouwen',
    incidentgesprek: 'Incidentgesprek (stopgesprek) met de pleger',
    'melding-politie': 'Melding bij de politie (zonder aangifte)',
    aangifte: 'Aangifte bij de politie',
    'registratie-politie': 'Afspraak op locatie of persoon bij de politie (voorrang bij een melding)',
    andere: 'Andere maatregel',
  },
  maatregelReden: {
    'emotioneel-patroon': 'Het emotionele gedrag houdt aan: een waarschuwing begrenst het.',
    'emotioneel-herhaald': 'De pleger was al eerder betrokken: leg de waarschuwing schriftelijk vast.',
    'altijd-reageren': 'Er volgt altijd een reactie richting de pleger.',
    'verbaal-eerste': 'Eerste keer persoonlijk gericht gedrag: een schriftelijke waarschuwing.',
    'verbaal-herhaald': 'Herhaald persoonlijk gericht gedrag: gesprek met de pleger en melding bij de politie.',
    'bedreiging-waarschuwing': 'Leg schriftelijk vast dat bedreiging of intimidatie niet wordt geaccepteerd.',
    'bedreiging-gesprek': 'Bij bedreiging of intimidatie volgt een incidentgesprek met de pleger.',
    'bedreiging-politie': 'Bedreiging of intimidatie wordt bekend gemaakt bij de politie.',
    'bedreiging-herhaald': 'Herhaalde bedreiging: aangifte en beperkende maatregelen.',
    'fysiek-aangifte': 'Fysiek geweld is een strafbaar feit: aangifte (met toestemming van de ambtsdrager).',
    'politie-voorrang': 'Een afspraak op locatie of persoon geeft voorrang als de politie opnieuw wordt gebeld.',
    'fysiek-toegang': 'De veiligheid gaat voor: ontzeg de pleger de toegang tot de gebouwen.',
    'zwaar-of-recidive': 'Bij zwaardere vormen of herhaling gaat de voorkeur uit naar een incidentgesprek, gevolgd door een herstelgesprek.',
    'toegang-overtreden': 'De pleger heeft een lopende toegangsontzegging: bij overtreding wordt de politie direct ingelicht en volgt aangifte.',
  },
  besluit: {
    eindDatumNodig: 'Einddatum: geef een einddatum op voor "{label}".',
    eindDatumVerleden: 'Einddatum: de einddatum moet in de toekomst liggen.',
    eindDatumTeVer: 'Einddatum: de datum ligt te ver weg; kies een datum binnen twee jaar.',
    geenToestemmingAangifte:
      'Maatregelen: aangifte kan alleen met toestemming van de ambtsdrager; die toestemming is niet gegeven.',
    onbekendeMaatregel: 'De maatregel "{type}" hoort niet bij dit protocol.',
    toelichtingNodig: 'Toelichting: licht de andere maatregel toe.',
    dubbel: 'Maatregelen: een maatregel staat er meer dan eens in.',
  },
  incident: {
    status: {
      concept: 'concept',
      gemeld: 'gemeld',
      'in-behandeling': 'in behandeling',
      'maatregelen-vastgesteld': 'maatregelen vastgesteld',
      afgesloten: 'afgesloten',
    },
    actie: {
      submit: 'worden ingediend',
      startBehandeling: 'in behandeling worden genomen',
      vaststellen: 'maatregelen vastgesteld krijgen',
      afwijzen: 'worden afgewezen',
      sluiten: 'worden gesloten',
    },
    illegaleOvergang: 'Een melding met status "{status}" kan niet {actie}.',
    redenNodig: 'Geef een reden op voor het afwijzen.',
  },
  weekdays: ['ma', 'di', 'wo', 'do', 'vr', 'za', 'zo'],
  months: ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'],
} as const;
