#!/usr/bin/env node
// Validates HAR files against the HAR 1.2 schema with har-validator.
// Usage: node tests/har/validate.js FILE.har...
// Prints one line per file ("ok" or the errors with their JSON paths); exits 1 when any file is invalid
// or unreadable, 2 when no file is given.
'use strict';

const fs = require('fs');
const validator = require('har-validator');

async function check(file) {
    let data;
    try {
        data = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (e) {
        console.log(`${file}: cannot read: ${e.message}`);
        return false;
    }
    try {
        await validator.har(data);
        console.log(`${file}: ok`);
        return true;
    } catch (e) {
        const errors = Array.isArray(e.errors) ? e.errors : [{ dataPath: '', message: String(e) }];
        console.log(`${file}: invalid HAR (${errors.length} error${errors.length === 1 ? '' : 's'})`);
        for (const err of errors) {
            const where = err.dataPath || err.instancePath || '(root)';
            const extra = err.params && Object.keys(err.params).length ? ` ${JSON.stringify(err.params)}` : '';
            console.log(`  ${where}: ${err.message}${extra}`);
        }
        return false;
    }
}

async function main() {
    const files = process.argv.slice(2);
    if (files.length === 0) {
        console.error('usage: node validate.js FILE.har...');
        process.exit(2);
    }
    let allValid = true;
    for (const file of files) {
        if (!(await check(file)))
            allValid = false;
    }
    process.exit(allValid ? 0 : 1);
}

main();
