// Budget allocation as a linear program solved by HiGHS (through RunContext.solveLp).
export * from "./highs-result";
export * from "./lp-model";
export * from "./response";
export * from "./allocation";
export * from "./fit-response";
export * from "./model";
export * from "./build";
export * from "./read";
export * from "./diagnose";
export * from "./solve";
export * from "./greedy";
export * from "./benchmark";
export * from "./solve-options";
