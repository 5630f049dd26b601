#!/usr/bin/env node
// Writes infra/template.json from THE table definition (src/stores/dynamodb/table.ts, compiled).
// Run after `npm run build`:  node infra/generate.mjs   (test/dynamodb/infra.test.ts checks it is current)
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const { cloudFormationTemplate } = await import(new URL('../dist/src/stores/dynamodb/table.js', import.meta.url).href);
const target = fileURLToPath(new URL('./template.json', import.meta.url));
writeFileSync(target, `${JSON.stringify(cloudFormationTemplate(), null, 2)}\n`);
console.log(`wrote ${target}`);
