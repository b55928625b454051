import { buildAdviceDocument, checkRemarkChannels, SECTION_IDS } from './build';
import { documentText, type AdviceDocument } from './document';
import { sampleEvening } from '../testing/sample';
import { computeResults } from '../results/report';
import type { ResultsBallot, ResultsInput } from '../results/types';

const sample = sampleEvening({ bidders: 4, criteria: 3, voters: 40, resamples: 500 });

describe('the advisory document', () => {
  it('has the sections of a Dutch advisory report, numbered, in order', () => {
    const doc = buildAdviceDocument(sample.input, 'nl');
    expect(doc.sections.map((s) => s.id)).toEqual([...SECTION_IDS]);
    expect(doc.sections.map((s) => `${s.number} ${s.title}`)).toEqual([
      '1 Samenvatting en advies',
      '2 Status van het advies',
      '3 Aanleiding en opdracht',
      '4 Beoordelingskader',
      '5 Werkwijze en verloop',
      '6 Deelname',
      '7 Resultaten per criterium',
      '8 Totaaloordeel en rangorde',
      '9 Bevindingen per gunningscriterium',
      '10 Robuustheid en integriteit',
      '11 Toelichting per inschrijver',
      '12 Beperkingen',
      '13 Verantwoording',
      '14 Verzoek om terugkoppeling',
      '15 Bijlagen',
    ]);
  });

  it('gives the English edition exactly the same structure', () => {
    const nl = buildAdviceDocument(sample.input, 'nl');
    const en = buildAdviceDocument(sample.input, 'en');
    expect(en.sections.map((s) => s.blocks.map((b) => b.kind))).toEqual(nl.sections.map((s) => s.blocks.map((b) => b.kind)));
    expect(en.sections[0]!.title).toBe('Summary and advice');
    expect(documentText(en)).not.toContain('Samenvatting');
  });

  it('prints the engine\'s numbers in the language\'s format, and the fingerprints', () => {
    const first = sample.input.results.all.bidders[0]!;
    const mean = first.weightedMean!;
    const nl = documentText(buildAdviceDocument(sample.input, 'nl'));
    const en = documentText(buildAdviceDocument(sample.input, 'en'));
    expect(nl).toContain(mean.toFixed(2).replace('.', ','));
    expect(en).toContain(mean.toFixed(2));
    for (const hash of [sample.input.recordSha256, sample.input.resultsSha256, sample.input.evening.fingerprint!]) {
      expect(nl).toContain(hash);
      expect(en).toContain(hash);
    }
    expect(nl).toContain('12 november 2026');
    expect(nl).toContain('20 november 2026');
  });

  it('shows a merit chart per criterion with the engine\'s counts', () => {
    const doc = buildAdviceDocument(sample.input, 'nl');
    // The chapter of results per criterion (the pages per bidder have a chart of their own).
    const charts = doc.sections.find((s) => s.id === 'criteria-results')!.blocks.filter((b) => b.kind === 'merit-chart');
    expect(charts).toHaveLength(3);
    const chart = charts[0]!;
    const expected = sample.input.results.all.bidders.map((b) => b.criteria[0]!.distribution.map((d) => d.count));
    expect(chart.rows.map((r) => r.counts)).toEqual(expected);
  });

  it('marks a draft as a draft, and an issued version with its number and date', () => {
    const draft = buildAdviceDocument({ ...sample.input, version: null }, 'nl');
    expect(draft.draftMark).toBe('CONCEPT – niet vastgesteld');
    expect(draft.footer).toContain('concept');
    const issued = buildAdviceDocument(sample.input, 'nl');
    expect(issued.draftMark).toBeNull();
    expect(issued.footer).toContain('versie 1');
    expect(documentText(issued)).toContain('Dit is versie 1, vastgesteld op 20 november 2026, 11:15 door Anna de Vries.');
  });

  it("prints the organisers' text and picked quotes, and says where text is missing", () => {
    const text = documentText(buildAdviceDocument(sample.input, 'nl'));
    expect(text).toContain('Kent de wijk door en door.');
    expect(text).toContain('Ze weten echt wat er speelt in de buurt.');
    // An issued version says the organisers wrote nothing (its issuer confirmed it); a draft, that it is still to come.
    expect(text).toContain('(De organisatie heeft hier niets over geschreven.)');
    expect(text).not.toContain('(Nog niet ingevuld.)');
    expect(documentText(buildAdviceDocument({ ...sample.input, version: null }, 'nl'))).toContain('(Nog niet ingevuld.)');
    expect(text).toContain('Te vroeg gesloten: de microfoon viel uit');
  });

  it('is the same document for the same input', () => {
    expect(JSON.stringify(buildAdviceDocument(sample.input, 'nl'))).toBe(JSON.stringify(buildAdviceDocument(sample.input, 'nl')));
  });

  it('names the primary method\'s own chance of first place and never prints a resampling estimate as 100 %', () => {
    const nl = documentText(buildAdviceDocument(sample.input, 'nl'));
    expect(nl).not.toMatch(/(^|[^,\d])100,0%/);
    expect(nl).not.toMatch(/(^|[^,\d])0,0%/);
  });
});

describe('counts in the document', () => {
  /** 3 bidders; `phones` phone voters who each score the first `scored` bidders, `cards` paper cards for the first bidder. */
  function countsInput(phones: number, scored: number, cards: number, ties: ResultsInput['ties'] = []): ResultsInput {
    const base = sample.resultsInput;
    const bidders = base.bidders.slice(0, 3);
    const grades = Object.fromEntries(base.criteria.map((c) => [c.id, 4]));
    const ballots: ResultsBallot[] = [];
    for (let v = 0; v < phones; v++) for (let b = 0; b < scored; b++) ballots.push({ voter: `P${v}`, bidderId: bidders[b]!.id, grades, channel: 'phone' });
    for (let c = 0; c < cards; c++) ballots.push({ voter: `K${c}`, bidderId: bidders[0]!.id, grades, channel: 'paper' });
    return { ...base, bidders, ballots, ties, options: { bootstrapResamples: 20 } };
  }
  function documents(results: ReturnType<typeof computeResults>) {
    // Without paper cards, no remark from one either (the sample's paper remark is about the first bidder).
    const remarks = results.all.voters.paper > 0 ? sample.input.remarks : sample.input.remarks.filter((r) => r.channel !== 'paper');
    const input = { ...sample.input, results, remarks, conduct: { ...sample.input.conduct, attendees: results.all.voters.phone, paper: { [results.bidders[0]!.id]: results.all.voters.paper } } };
    return { nl: documentText(buildAdviceDocument(input, 'nl')), en: documentText(buildAdviceDocument(input, 'en')) };
  }

  it('never adds phones and paper cards into one number of residents', () => {
    const { nl, en } = documents(computeResults(countsInput(42, 3, 15)));
    // 42 phones x 3 bidders + 15 cards = 141 assessments.
    expect(nl).toContain('In totaal tellen 141 beoordelingen mee, gegeven op 42 telefoons en 15 papieren scorekaarten, voor 3 inschrijvers.');
    expect(en).toContain('In all, 141 assessments count, given on 42 phones and 15 paper score cards, for 3 bidders.');
    expect(nl).toContain('Telefoons met minstens één getelde beoordeling 42');
    expect(nl).toContain('Papieren scorekaarten geteld 15');
    expect(nl).not.toMatch(/57 (bewoners|telefoons|stemmers|deelnemers)/);
    expect(nl).not.toMatch(/\d+ bewoners/);
    expect(en).not.toMatch(/\d+ residents/);
  });

  it('puts every count in the singular when it is one, in Dutch and English, without "(en)" or "(s)"', () => {
    const one = computeResults(countsInput(1, 1, 0, [{ voter: 'P0', bidderId: sample.resultsInput.bidders[1]!.id }]));
    const { nl, en } = documents(one);
    expect(nl).toContain('In totaal telt 1 beoordeling mee, gegeven op 1 telefoon, voor 3 inschrijvers.');
    expect(en).toContain('In all, 1 assessment counts, given on 1 phone, for 3 bidders.');
    expect(nl).toContain('Er is 1 band gemeld, door 1 telefoon.');
    expect(en).toContain('1 tie was declared, by 1 phone.');
    expect(nl).toContain('in totaal 1 trekking)');
    expect(en).toContain('1 draw in all)');
    for (const text of [nl, en]) expect(text).not.toMatch(/\((en|s)\)/);
    expect(nl).not.toMatch(/\b1 (telefoons|beoordelingen|inschrijvers|banden|trekkingen|totaalcijfers|papieren scorekaarten|seconden)\b/);
    expect(en).not.toMatch(/\b1 (phones|assessments|bidders|ties|draws|overall grades|paper score cards|seconds)\b/);
    const card = documents(computeResults(countsInput(1, 1, 1)));
    expect(card.nl).toContain('In totaal tellen 2 beoordelingen mee, gegeven op 1 telefoon en 1 papieren scorekaart, voor 3 inschrijvers.');
    expect(card.nl).toContain('Van de getelde beoordelingen kwam 1 beoordeling van een papieren scorekaart');
  });
});


describe('the presence rule in the account of participation', () => {
  const withRules = (rules: Partial<typeof sample.input.conduct.rules>) => {
    const input = { ...sample.input, conduct: { ...sample.input.conduct, rules: { ...sample.input.conduct.rules, ...rules } } };
    return { nl: documentText(buildAdviceDocument(input, 'nl')), en: documentText(buildAdviceDocument(input, 'en')) };
  };

  it('states the grace the evening had, in minutes, in both editions', () => {
    const five = withRules({ presenceRule: true, presenceGraceMinutes: 5 });
    expect(five.nl).toContain(
      'Aanwezigheidsregel: een deelnemer kon een pitch beoordelen als hij of zij uiterlijk 5 minuten na de start ervan binnenkwam; wie later binnenkwam, kon de pitches beoordelen die daarna begonnen.',
    );
    expect(five.en).toContain(
      'Presence rule: an attendee could score a pitch if they arrived no later than 5 minutes after it started; whoever arrived later could score the pitches that started after that.',
    );
    const one = withRules({ presenceRule: true, presenceGraceMinutes: 1 });
    expect(one.nl).toContain('uiterlijk 1 minuut na de start ervan');
    expect(one.en).toContain('no later than 1 minute after it started');
  });

  it('states the rule without a grace as only the pitches that started after the phone joined, and the rule off as off', () => {
    const none = withRules({ presenceRule: true, presenceGraceMinutes: 0 });
    expect(none.nl).toContain('Aanwezigheidsregel: een deelnemer kon alleen de pitches beoordelen die begonnen nadat hij of zij binnenkwam.');
    expect(none.en).toContain('Presence rule: an attendee could score only the pitches that started after they arrived.');
    expect(none.nl).not.toContain('minuten na de start');
    const off = withRules({ presenceRule: false, presenceGraceMinutes: 5 });
    expect(off.nl).toContain('De aanwezigheidsregel stond uit: ook wie later binnenkwam kon eerdere pitches beoordelen.');
    expect(off.en).toContain('The presence rule was off: late arrivals could also score earlier pitches.');
    expect(off.nl).not.toContain('Aanwezigheidsregel:');
    expect(off.en).not.toContain('no later than');
  });

  it('says how many phones per bidder arrived too late to score it, that none did, or nothing where the rule was off or not recorded', () => {
    const [first, second] = sample.input.results.bidders;
    const withMissed = (presenceRule: boolean, presenceMissed: { bidderId: string; phones: number }[] | undefined) => {
      const input = { ...sample.input, conduct: { ...sample.input.conduct, rules: { ...sample.input.conduct.rules, presenceRule }, presenceMissed } };
      return { nl: documentText(buildAdviceDocument(input, 'nl')), en: documentText(buildAdviceDocument(input, 'en')) };
    };
    const some = withMissed(true, [
      { bidderId: first!.id, phones: 2 },
      { bidderId: second!.id, phones: 1 },
    ]);
    expect(some.nl).toContain(`Telefoons die te laat binnenkwamen om een pitch nog te beoordelen, per inschrijver: ${first!.name} 2, ${second!.name} 1.`);
    expect(some.en).toContain(`Phones that arrived too late to score a pitch, per bidder: ${first!.name} 2, ${second!.name} 1.`);
    expect(withMissed(true, []).nl).toContain('Geen telefoon kwam te laat binnen om een pitch nog te beoordelen.');
    for (const quiet of [withMissed(false, [{ bidderId: first!.id, phones: 2 }]), withMissed(true, undefined)]) {
      expect(quiet.nl).not.toContain('te laat binnenkwamen om een pitch');
      expect(quiet.nl).not.toContain('Geen telefoon kwam te laat');
    }
  });
});

describe('quotes from paper cards', () => {
  it('exist in the sample only with paper cards: the sample\'s paper voter, counted per bidder, and the quote printed as from a paper card', () => {
    const bidder = sample.input.evening.bidders.find((b) => b.position === 1)!;
    expect(sample.input.remarks.filter((r) => r.channel === 'paper').map((r) => r.bidderId)).toEqual([bidder.id]);
    expect(sample.input.conduct.paper[bidder.id]).toBe(1);
    // One card per bidder, each a voter of its own (a card holds one pitch's grades).
    expect(sample.input.results.all.voters.paper).toBe(sample.input.evening.bidders.length);
    expect(sample.input.conduct.paperEntry.counted).toBe(sample.input.evening.bidders.length);
    const text = documentText(buildAdviceDocument(sample.input, 'nl'));
    expect(text).toContain('bewoner, anoniem, op een papieren scorekaart');
    expect(text).not.toContain('Er zijn geen papieren scorekaarten');
  });

  it('a sample with one voter has no paper card and quotes nothing from one', () => {
    const one = sampleEvening({ bidders: 2, criteria: 2, voters: 1, resamples: 50 });
    expect(one.input.remarks.some((r) => r.channel === 'paper')).toBe(false);
    expect(one.input.advice.bidders[0]!.quoteIds).not.toContain('p1');
    expect(documentText(buildAdviceDocument(one.input, 'nl'))).not.toContain('op een papieren scorekaart');
  });

  it('refuses an input that marks a remark as from a paper card where no paper card, or fewer, were counted', () => {
    const bidderId = sample.input.remarks.find((r) => r.channel === 'paper')!.bidderId;
    const noCards = { ...sample.input, conduct: { ...sample.input.conduct, paper: {} } };
    expect(() => buildAdviceDocument(noCards, 'nl')).toThrow(/marked as written on a paper card, but 0 paper card/);
    const twoRemarks = { remarks: [...sample.input.remarks, { id: 'p2', bidderId, channel: 'paper' as const }], conduct: sample.input.conduct };
    expect(() => checkRemarkChannels(twoRemarks)).toThrow(/2 remark\(s\) for bidder/);
    expect(() => checkRemarkChannels({ ...twoRemarks, conduct: { ...sample.input.conduct, paper: { [bidderId]: 2 } } })).not.toThrow();
  });
});

describe('the presence rule is told once', () => {
  const count = (text: string, part: string) => text.split(part).length - 1;
  it.each([
    ['with a grace', { presenceRule: true, presenceGraceMinutes: 5 }, 'Aanwezigheidsregel: een deelnemer kon een pitch beoordelen', 'Presence rule: an attendee could score a pitch'],
    ['without a grace', { presenceRule: true, presenceGraceMinutes: 0 }, 'Aanwezigheidsregel: een deelnemer kon alleen', 'Presence rule: an attendee could score only'],
    ['off', { presenceRule: false, presenceGraceMinutes: 5 }, 'De aanwezigheidsregel stond uit', 'The presence rule was off'],
  ])('%s: in the participation chapter, and the procedure points there', (_, rules, nl, en) => {
    const [first] = sample.input.results.bidders;
    const input = { ...sample.input, conduct: { ...sample.input.conduct, rules: { ...sample.input.conduct.rules, ...rules }, presenceMissed: [{ bidderId: first!.id, phones: 2 }] } };
    const docs = { nl: buildAdviceDocument(input, 'nl'), en: buildAdviceDocument(input, 'en') };
    expect(count(documentText(docs.nl), nl)).toBe(1);
    expect(count(documentText(docs.en), en)).toBe(1);
    const participation = SECTION_IDS.indexOf('participation') + 1;
    const procedure = docs.nl.sections.find((s) => s.id === 'conduct')!;
    expect(documentText({ ...docs.nl, sections: [procedure] })).toContain(`Hoe de aanwezigheidsregel is toegepast, staat in hoofdstuk ${participation}.`);
    expect(docs.nl.sections[participation - 1]!.title).toBe('Deelname');
    expect(count(documentText(docs.nl), 'Telefoons die te laat binnenkwamen')).toBe(rules.presenceRule ? 1 : 0);
  });
});

describe('the language of the document', () => {
  /** Words that are English and not Dutch: any of them in the Dutch edition's own text is a fragment left untranslated. */
  const ENGLISH = new Set(
    (
      'the and with seeded seed first words word big endian bytes-wise by from to on at this that these those which who when where ' +
      'vote votes voter voters ballot ballots tie ties bidder bidders frame fingerprint results committee advice version page draft ' +
      'majority judgment judgement mean median resamples resample confidence trimmed weighted score scores assessment assessments ' +
      'phone phones card cards paper evening chapter summary above below chance share not none yes no or an be are were has have'
    ).split(/\s+/),
  );

  /** Every text an organiser or the setup supplied, which the document prints as entered. */
  function organiserTexts(input: typeof sample.input): string[] {
    const e = input.evening;
    const a = input.advice;
    return [
      e.title,
      e.venue,
      ...Object.values(e.tender),
      ...e.bidders.flatMap((b) => [b.name, b.pitchTitle, b.pitchSummary, b.contactPerson]),
      ...e.criteria.flatMap((c) => [c.name, c.explanation, c.awardCriterion, ...Object.values(c.levelDescriptors)]),
      ...e.scale.levels.flatMap((l) => [l.label, l.description]),
      ...e.draws.flatMap((d) => [d.seed, d.algorithm, d.drawnBy]),
      input.network,
      a.summary,
      a.recommendation,
      a.minorityViews,
      a.incidents,
      a.limitations,
      ...a.bidders.flatMap((b) => [b.strengths, b.concerns, b.conditions]),
      ...Object.values(input.quotes),
      ...input.conduct.events.map((ev) => ev.reason),
      input.version?.issuedBy ?? '',
      input.version?.note ?? '',
    ].filter((x) => x.trim().length > 0);
  }

  /** The generated words of a document: organiser texts, codes, file names, addresses and numbers removed. */
  function generatedWords(doc: AdviceDocument, input: typeof sample.input): string[] {
    // File names, paths and addresses are codes, not words.
    let text = documentText(doc).replace(/\S*[/.]\S*/g, ' ');
    for (const o of [...organiserTexts(input)].sort((x, y) => y.length - x.length)) text = text.split(o).join(' ');
    return text
      .split(/[\s,;:()[\]{}'‘’“”"!?…–—/=+<>]+/)
      .filter((w) => w.length > 0 && !/[.@*#%\d_]/.test(w) && !/^[0-9a-f]{16,}$/.test(w))
      .map((w) => w.toLowerCase());
  }

  it.each([
    ['a large evening', sample.input],
    ['a small evening', sampleEvening({ bidders: 2, criteria: 2, voters: 3, resamples: 200 }).input],
    ['one voter', sampleEvening({ bidders: 3, criteria: 4, voters: 1, resamples: 200 }).input],
  ])('has no English words in the Dutch edition’s generated text (%s)', (_, input) => {
    const found = generatedWords(buildAdviceDocument(input, 'nl'), input).filter((w) => ENGLISH.has(w));
    expect([...new Set(found)]).toEqual([]);
  });

  it('prints the municipality as it is entered, never “gemeente Gemeente …”', () => {
    const input = { ...sample.input, evening: { ...sample.input.evening, tender: { ...sample.input.evening.tender, municipality: 'Gemeente Eemhoven' } } };
    const nl = documentText(buildAdviceDocument(input, 'nl'));
    const en = documentText(buildAdviceDocument(input, 'en'));
    expect(nl).toContain('Gemeente Eemhoven');
    expect(nl).not.toMatch(/gemeente Gemeente/);
    expect(nl).not.toMatch(/Gemeente Gemeente/);
    expect(en).not.toMatch(/municipality of gemeente/i);
  });

  it('uses one word per concept in Dutch: startwaarde for seed, band for a tie, beoordeling for a ballot', () => {
    const nl = documentText(buildAdviceDocument(sample.input, 'nl'));
    expect(nl).not.toMatch(/\bzaad\b/i);
    expect(nl).not.toMatch(/\bbinding(en)?\b|gebonden/i);
    // "Stemmen" as a verb (to vote) stays; as a noun for ballots it is "beoordelingen", as on the phone.
    expect(nl).not.toMatch(/\b(de|die|ontvangen|geanonimiseerde|dezelfde) stem(men)?\b|stembiljet|stemmers/i);
    expect(nl).toContain('Startwaarde van de loting');
    expect(nl).toMatch(/\bband\b/);
  });

  it.each([
    ['a large evening', sample.input],
    ['one voter, late ballots', { ...sampleEvening({ bidders: 3, criteria: 2, voters: 1, resamples: 200 }).input }],
  ])('uses one word per concept in English: assessment for a ballot, never ballot or votes (%s)', (_, input) => {
    const late = { ...input, conduct: { ...input.conduct, lateBallots: [{ bidderId: input.evening.bidders[0]!.id, late: 2, changes: 1 }] } };
    for (const i of [input, late]) {
      const en = documentText(buildAdviceDocument(i, 'en'));
      expect(en).toContain('assessment');
      // "vote" as a verb stays (who could vote); a question's votes are not assessments and keep their word.
      expect(en.replace(/questions? (and|with their) votes?|\bVotes\b(?= \w+$)/gm, '')).not.toMatch(/\bballots?\b|\bvotes\b|\bthe vote\b/i);
    }
  });

  it('explains every statistical term it uses in a glossary in plain words', () => {
    for (const lang of ['nl', 'en'] as const) {
      const doc = buildAdviceDocument(sample.input, lang);
      const appendix = doc.sections.find((s) => s.id === 'appendices')!;
      const glossary = appendix.blocks.find((b) => b.kind === 'facts')!;
      const terms = glossary.kind === 'facts' ? glossary.rows.map((r) => r.label.toLowerCase()) : [];
      const text = documentText({ ...doc, sections: doc.sections.filter((s) => s.id !== 'appendices') }).toLowerCase();
      const used = lang === 'nl' ? ['meerderheidsoordeel', 'mediaan', 'bootstrap', 'interval', 'betrouwbaarheid', 'z-score', 'paarsgewijze', 'startwaarde', 'sha-256'] : ['majority', 'median', 'bootstrap', 'interval', 'confidence', 'z-score', 'pairwise', 'seed', 'sha-256'];
      for (const word of used) {
        expect(text).toContain(word);
        expect(terms.some((t) => t.includes(word))).toBe(true);
      }
    }
  });

  it('says on the first page of the other language’s edition which texts stay as the organisers entered them', () => {
    const en = buildAdviceDocument(sample.input, 'en');
    expect(en.titleFacts.map((f) => f.label)).toContain('Language');
    expect(documentText(en)).toContain('In Dutch, as entered');
    expect(buildAdviceDocument(sample.input, 'nl').titleFacts.map((f) => f.label)).not.toContain('Taal');
    const english = { ...sample.input, evening: { ...sample.input.evening, language: 'en' as const } };
    expect(documentText(buildAdviceDocument(english, 'nl'))).toContain('staan in het Engels, zoals ingevoerd');
  });

  it('puts counts in the right number in both editions, for any number of voters', () => {
    for (const voters of [1, 2, 3, 7]) {
      const input = sampleEvening({ bidders: 2, criteria: 3, voters, resamples: 200 }).input;
      const nl = documentText(buildAdviceDocument(input, 'nl'));
      const en = documentText(buildAdviceDocument(input, 'en'));
      expect(nl).not.toMatch(/(?<![\d,.])1 (telefoons|beoordelingen|inschrijvers|banden|trekkingen|totaalcijfers|papieren scorekaarten|seconden|dagen|oordelen)\b/);
      expect(nl).not.toMatch(/(?<![\d,.])([2-9]|\d{2,}) (telefoon|beoordeling|inschrijver|band|trekking|papieren scorekaart|seconde|dag)\b(?!en|s)/);
      expect(en).not.toMatch(/(?<![\d,.])1 (phones|assessments|bidders|ties|draws|overall grades|paper score cards|seconds|days)\b/);
      expect(en).not.toMatch(/(?<![\d,.])([2-9]|\d{2,}) (phone|assessment|bidder|tie|draw|overall grade|paper score card|second|day)\b(?!s)/);
    }
  });
});

describe('how the assessments were given: phones, admission cards and paper cards', () => {
  const sectionText = (doc: AdviceDocument, id: string) => documentText({ ...doc, titleFacts: [], titleBlocks: [], sections: doc.sections.filter((s) => s.id === id) });
  const withPaper = (paper: Record<string, number>, accessMode: 'open' | 'tickets' = 'open') => ({
    ...sample.input,
    conduct: { ...sample.input.conduct, paper, rules: { ...sample.input.conduct.rules, accessMode } },
    // A remark written on a paper card needs a counted card for its bidder.
    remarks: sample.input.remarks.filter((r) => r.channel === 'phone' || (paper[r.bidderId] ?? 0) > 0),
  });
  const [a, b] = sample.input.evening.bidders;

  it('says phones only when no paper card counts, and phones or paper cards, with how many, when some do', () => {
    const phonesOnly = buildAdviceDocument(withPaper({}), 'nl');
    expect(sectionText(phonesOnly, 'status')).toContain('per criterium op hun telefoon gaven.');
    expect(documentText(phonesOnly)).not.toMatch(/Daarnaast tel|Een papieren scorekaart is anoniem/);
    const paper = buildAdviceDocument(withPaper({ [a!.id]: 2, [b!.id]: 1 }), 'nl');
    expect(sectionText(paper, 'status')).toContain('per criterium op hun telefoon of op een papieren scorekaart gaven.');
    const participation = SECTION_IDS.indexOf('participation') + 1;
    expect(sectionText(paper, 'conduct')).toContain(`Daarnaast tellen 3 beoordelingen van papieren scorekaarten, elk door twee moderatoraccounts gelijk ingevoerd (zie hoofdstuk ${participation}).`);
    expect(sectionText(paper, 'limitations')).toContain('Een papieren scorekaart is anoniem');
    const one = buildAdviceDocument(withPaper({ [a!.id]: 1 }), 'en');
    expect(sectionText(one, 'conduct')).toContain(`Besides, 1 assessment from a paper score card counts, entered alike by two moderator accounts (see chapter ${participation}).`);
    expect(sectionText(one, 'status')).toContain('on their phones or on paper score cards.');
  });

  it('says who could vote by the evening code or by admission card, as the rules were', () => {
    expect(sectionText(buildAdviceDocument(withPaper({}), 'nl'), 'conduct')).toContain('Iedere aanwezige met de avondcode kon op de eigen telefoon stemmen');
    const tickets = sectionText(buildAdviceDocument(withPaper({}, 'tickets'), 'nl'), 'conduct');
    expect(tickets).toContain('Wie een toegangskaart had, kon op de eigen telefoon stemmen');
    expect(tickets).not.toContain('avondcode');
  });

  it('says only that no phone sent an assessment while its pitch was closed, never that none arrived after a close that was reopened', () => {
    const reopened = { ...sample.input, conduct: { ...sample.input.conduct, lateBallots: [], events: [{ at: sample.input.conduct.endedAt!, type: 'scoring-reopened' as const, bidderId: a!.id, reason: 'Microfoon' }] } };
    const nl = sectionText(buildAdviceDocument(reopened, 'nl'), 'conduct');
    expect(nl).toContain('Geen telefoon stuurde een beoordeling terwijl het beoordelen van die pitch gesloten was.');
    expect(nl).not.toContain('nadat het beoordelen van hun pitch was gesloten');
  });
});

describe('what the probabilities can say with few overall grades', () => {
  const note = (doc: AdviceDocument) => documentText(doc).split('\n').filter((l) => l.startsWith('Van de gerangschikte inschrijvers heeft die met de minste') || l.startsWith('Of the ranked bidders, the one with the fewest'));

  it('says under both rankings that the chance of first place and the intervals say little, with one voter', () => {
    const one = sampleEvening({ bidders: 3, criteria: 2, voters: 1, resamples: 200 }).input;
    expect(note(buildAdviceDocument(one, 'nl'))).toEqual([
      'Van de gerangschikte inschrijvers heeft die met de minste totaalcijfers er 1. Met zo weinig zeggen de kans op de eerste plaats en de intervallen weinig: de trekkingen kunnen alleen de beoordelingen herhalen die er zijn.',
      'Van de gerangschikte inschrijvers heeft die met de minste totaalcijfers er 1. Met zo weinig zeggen de kans op de eerste plaats en de intervallen weinig: de trekkingen kunnen alleen de beoordelingen herhalen die er zijn.',
    ]);
    expect(note(buildAdviceDocument(one, 'en'))).toHaveLength(2);
  });

  it('says nothing of the kind when every ranked bidder has enough overall grades for a verdict', () => {
    const min = sample.input.results.settings.verdictMinVoters;
    expect(Math.min(...sample.input.results.all.bidders.map((b) => b.overallGrades))).toBeGreaterThanOrEqual(min);
    expect(note(buildAdviceDocument(sample.input, 'nl'))).toEqual([]);
  });
});

describe('the page per bidder', () => {
  it('says when scoring for that bidder was reopened, and only on that bidder’s page', () => {
    const reopened = sample.input.conduct.events.filter((e) => e.type === 'scoring-reopened');
    expect(reopened.length).toBeGreaterThan(0);
    const doc = buildAdviceDocument(sample.input, 'nl');
    const pages = doc.sections.find((s) => s.id === 'bidders')!;
    const text = documentText({ ...doc, titleFacts: [], titleBlocks: [], sections: [pages] });
    const conduct = SECTION_IDS.indexOf('conduct') + 1;
    for (const b of sample.input.evening.bidders) {
      const start = text.indexOf(`\n${b.name}\n`);
      const next = sample.input.evening.bidders.filter((x) => x.position > b.position).map((x) => text.indexOf(`\n${x.name}\n`)).filter((i) => i > start);
      const page = text.slice(start, next.length > 0 ? Math.min(...next) : undefined);
      const was = reopened.some((e) => e.bidderId === b.id);
      expect({ bidder: b.name, says: page.includes('het beoordelen is heropend om') }).toEqual({ bidder: b.name, says: was });
      if (was) expect(page).toContain(`(zie hoofdstuk ${conduct})`);
    }
  });
});

describe('an evening held on another day than planned', () => {
  it('says the planned date beside the day it was held, and nothing when they agree', () => {
    const c = sample.input.conduct;
    const moved = { ...sample.input, conduct: { ...c, startedAt: '2026-12-06T00:49:00.000Z', endedAt: '2026-12-06T01:30:00.000Z' }, evening: { ...sample.input.evening, date: '2026-12-10', startTime: '19:30' } };
    const conduct = (input: typeof sample.input, lang: 'nl' | 'en') => {
      const doc = buildAdviceDocument(input, lang);
      return documentText({ ...doc, titleFacts: [], titleBlocks: [], sections: doc.sections.filter((s) => s.id === 'conduct') });
    };
    expect(conduct(moved, 'nl')).toContain('De avond begon op 6 december 2026, 01:49');
    expect(conduct(moved, 'nl')).toContain('Gepland was de avond op 10 december 2026, 19:30, zoals op de titelpagina staat; hij is op een andere dag gehouden.');
    expect(conduct(moved, 'en')).toContain('The evening was planned for 10 December 2026, 19:30, as the title page says; it was held on another day.');
    expect(conduct(sample.input, 'nl')).not.toContain('Gepland was de avond');
  });
});

describe('a variant of the results (without declared ties, without flagged assessments)', () => {
  it('says the number one stays before it says that the rest of the ranking changes, when only the verdict and the rest differ', () => {
    const r = sample.input.results;
    expect(r.integrity.tiedVoters).toBeGreaterThan(0);
    const all = r.all;
    const [first, second, third, ...rest] = all.ranking;
    const other = all.verdict.code === 'too-few-voters' ? 'no-clear-preference' : 'too-few-voters';
    const variant = {
      ...all,
      verdict: { ...all.verdict, code: other },
      // The same number one; the second and third swap places.
      ranking: [first!, { ...third!, place: second!.place }, { ...second!, place: third!.place }, ...rest],
    } as typeof all;
    const doc = buildAdviceDocument({ ...sample.input, results: { ...r, withoutTiedVoters: variant } }, 'nl');
    const text = documentText({ ...doc, titleFacts: [], titleBlocks: [], sections: doc.sections.filter((s) => s.id === 'robustness') });
    const leader = sample.input.evening.bidders.find((b) => b.id === all.verdict.leader)!.name;
    expect(text).toMatch(new RegExp(`De nummer één blijft ${leader}\\. Let op: zo geteld luidt het oordeel „[^”]+” \\(in de uitslag van dit advies: [^)]+\\)\\. De rest van de rangorde verandert wel\\.`));
  });
});

describe('the page per bidder with few overall grades', () => {
  it('says beside the figures that the chance of first place and the interval say little, and not with enough grades', () => {
    const one = sampleEvening({ bidders: 2, criteria: 2, voters: 1, resamples: 200 }).input;
    const pages = (input: typeof one, lang: 'nl' | 'en') => {
      const doc = buildAdviceDocument(input, lang);
      return documentText({ ...doc, titleFacts: [], titleBlocks: [], sections: doc.sections.filter((s) => s.id === 'bidders') });
    };
    expect(pages(one, 'nl').split('Met 1 totaalcijfer zeggen de kans op de eerste plaats en het interval weinig.').length - 1).toBe(2);
    expect(pages(one, 'en')).toContain('With 1 overall grade, the chance of first place and the interval say little.');
    expect(pages(sample.input, 'nl')).not.toContain('zeggen de kans op de eerste plaats en het interval weinig');
  });
});
