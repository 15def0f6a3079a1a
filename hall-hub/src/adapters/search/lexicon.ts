import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { SynonymGroup } from '@hall/shared';
import agriculture from './lexicon/agriculture.json';
import civilAffairs from './lexicon/civil-affairs.json';
import construction from './lexicon/construction.json';
import cultureTourism from './lexicon/culture-tourism.json';
import education from './lexicon/education.json';
import emergency from './lexicon/emergency.json';
import environment from './lexicon/environment.json';
import exitEntry from './lexicon/exit-entry.json';
import general from './lexicon/general.json';
import health from './lexicon/health.json';
import householdRegistration from './lexicon/household-registration.json';
import housingFund from './lexicon/housing-fund.json';
import justice from './lexicon/justice.json';
import marketEntry from './lexicon/market-entry.json';
import medicalInsurance from './lexicon/medical-insurance.json';
import realEstate from './lexicon/real-estate.json';
import socialInsurance from './lexicon/social-insurance.json';
import tax from './lexicon/tax.json';
import trafficVehicles from './lexicon/traffic-vehicles.json';
import veterans from './lexicon/veterans.json';
import water from './lexicon/water.json';

/**
 * One domain of the everyday-language lexicon of government services: how people say things (`say`) and the
 * words official names use for them (`means`, the preferred first). Kept as data, one file per domain, so a
 * hall or a reviewer can read and extend it; the hub sends it to the kiosks inside the search index.
 */
export const LexiconDomainSchema = Type.Object({
  domain: Type.String({ minLength: 1 }),
  title: Type.String({ minLength: 1 }),
  entries: Type.Array(
    Type.Object({
      say: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
      means: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
    }),
  ),
});
export type LexiconDomain = Static<typeof LexiconDomainSchema>;

const FILES: readonly unknown[] = [
  marketEntry, householdRegistration, exitEntry, trafficVehicles, realEstate, socialInsurance, medicalInsurance, housingFund,
  tax, education, health, civilAffairs, justice, cultureTourism, construction, environment, water, agriculture, emergency,
  veterans, general,
];

/** The lexicon's domains, checked against the schema (a malformed file fails the hub at start, not a query). */
export const LEXICON: readonly LexiconDomain[] = FILES.map((f) => {
  if (!Value.Check(LexiconDomainSchema, f)) throw new Error(`lexicon: ${JSON.stringify([...Value.Errors(LexiconDomainSchema, f)][0])}`);
  return f;
});

/** The lexicon as the search index's phrase groups. */
export const LEXICON_SYNONYMS: readonly SynonymGroup[] = LEXICON.flatMap((d) => d.entries.map((e) => ({ phrases: e.say, targets: e.means })));
