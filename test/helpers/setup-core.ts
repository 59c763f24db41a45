// Node tests run TF.js on its CPU backend; the browser picks WebGPU/WASM in the worker.
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";

await tf.setBackend("cpu");
await tf.ready();
