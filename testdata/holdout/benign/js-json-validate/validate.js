const fs = require('fs');
const Ajv = require('ajv');

const [schemaPath, dataPath] = process.argv.slice(2);
const ajv = new Ajv({ allErrors: true });
const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaPath, 'utf8')));
const ok = validate(JSON.parse(fs.readFileSync(dataPath, 'utf8')));
if (ok) {
  console.log('valid');
} else {
  for (const e of validate.errors) console.log(`${e.instancePath || '/'} ${e.message}`);
  process.exit(1);
}
