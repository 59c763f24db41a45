// Customer analytics: transactions, RFM, BG/NBD + Gamma-Gamma CLV, k-means, FP-Growth rules.
export { readTransactions, DAY_MS, dayStart, type TransactionColumns, type CleaningOptions, type CleaningReport, type Transactions } from "./transactions";
export { computeRfm, defaultSnapshot, type RfmValues } from "./rfm";
export { quintileScores, segmentOf, SEGMENTS, type Segment } from "./rfm-scores";
export { logGamma, logBeta, hyp2f1 } from "./special";
export { nelderMead, type NelderMeadOptions, type Minimum } from "./nelder-mead";
export { fitBgNbd, bgnbdLogLik, bgnbdCustomerLogLik, bgnbdProbAlive, bgnbdExpectedPurchases, type BgNbdParams, type BgNbdFit, type RepeatSummary } from "./bgnbd";
export { fitGammaGamma, gammaGammaLogLik, gammaGammaExpectedSpend, type GammaGammaParams, type GammaGammaFit } from "./gamma-gamma";
export { summarisePurchases, type PurchasePeriods, type PurchaseSummary } from "./purchases";
export { modelClv, simpleClv, MONTH_DAYS } from "./clv";
export { basketsFromLong, basketsFromLines, type Baskets } from "./baskets";
export { fpGrowth, ItemsetLimitError, type MiningOptions, type FrequentItemsets } from "./fpgrowth";
export { generateRules, RuleLimitError, type RuleOptions, type Rules } from "./rules";
export { rfmFeatures, clusterRfm, type RfmClusters } from "./rfm-clusters";
export { readTransactionColumns, readCleaning, readOptionalDate, isoDay } from "./cell-params";
export { customersById, customerColumn } from "./customer-column";
export { fitClvModels, predictClv, holdoutByFrequency, type ClvFits, type FitHooks } from "./clv-model";
