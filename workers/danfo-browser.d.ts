declare module "danfojs-browser" {
  export * from "danfojs";
}
