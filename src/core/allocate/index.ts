// Budget allocation as a linear program solved by HiGHS (through RunContext.solveLp).
export * from "./highs-result";
export * from "./lp-model";
export * from "./response";
export * from "./allocation";
