export { startProvinceSimulator, type ProvinceSimulator, type ProvinceSimOptions, type SimMode, type FeedName, type SmsRecord } from './simulator.js';
export type { HeldEvent, SimStats } from './held-events.js';
export { SIM_CASES, findSimCase, type SimCase } from './cases.js';
export { loadFeeds } from './feeds-file.js';
export { businessesFromExchange, createSupervisedCaseBook, generateCases, type Business, type Department, type SupervisedCaseBook, type GenerateOptions } from './supervised-cases.js';
export { creditSubjectOf, createCreditBook, type CreditBook, type CreditListing } from './credit-lists.js';
