// The compute worker's entry: guard the network first, then expose the API over comlink.
import { expose } from "comlink";
import { installNetworkGuard } from "./network-guard";
import { computeApi } from "./compute-api";

installNetworkGuard(self as unknown as Parameters<typeof installNetworkGuard>[0]);
expose(computeApi);
