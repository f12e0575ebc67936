export function businessDays(a: Date, b: Date): number {
  let n = 0;
  const d = new Date(a);
  while (d < b) {
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6) n++;
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return n;
}

export function isoWeek(d: Date): number {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  t.setUTCDate(t.getUTCDate() + 4 - (t.getUTCDay() || 7));
  const y = new Date(Date.UTC(t.getUTCFullYear(), 0, 1));
  return Math.ceil(((t.getTime() - y.getTime()) / 86400000 + 1) / 7);
}

const [cmd, a, b] = process.argv.slice(2);
if (cmd === "days") console.log(businessDays(new Date(a), new Date(b)));
else if (cmd === "week") console.log(isoWeek(new Date(a)));
