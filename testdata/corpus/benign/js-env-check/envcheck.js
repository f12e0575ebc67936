const required = ['DATABASE_URL', 'REDIS_URL', 'STRIPE_SECRET_KEY', 'SENTRY_DSN'];
let missing = 0;
for (const name of required) {
  if (!process.env[name]) {
    console.log(`missing: ${name}`);
    missing++;
  } else {
    console.log(`ok: ${name} (${process.env[name].length} chars)`);
  }
}
process.exit(missing ? 1 : 0);
