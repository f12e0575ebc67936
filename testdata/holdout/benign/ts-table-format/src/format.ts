import { readFileSync, writeFileSync } from "node:fs";

function formatTable(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  return rows.map((r, ri) =>
    "| " + widths.map((w, i) => (ri === 1 ? "-".repeat(w) : (r[i] ?? "").padEnd(w))).join(" | ") + " |");
}

const file = process.argv[2];
const out: string[] = [];
let block: string[][] = [];
for (const line of readFileSync(file, "utf8").split("\n")) {
  if (/^\s*\|.*\|\s*$/.test(line)) {
    block.push(line.trim().slice(1, -1).split("|").map((c) => c.trim()));
    continue;
  }
  if (block.length) { out.push(...formatTable(block)); block = []; }
  out.push(line);
}
if (block.length) out.push(...formatTable(block));
writeFileSync(file, out.join("\n"));
