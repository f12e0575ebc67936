export const CATALOG_BASE = "https://snippets.devteam-hub.example/raw/";
export const run = eval;
