'use strict';
// Plays a scenario in real headless Chromium (Debian's /usr/bin/chromium through playwright-core): a
// fresh context per scenario, preset cookies set by responses, then the chain started the way the
// scenario says; returns when the server has heard nothing for a while.

const ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

class ChromiumDriver {
    constructor(executablePath) {
        this.executablePath = executablePath || process.env.CHROMIUM || '/usr/bin/chromium';
    }

    async open() {
        // Loaded here, so that the curl half runs without node_modules.
        const { chromium } = require('playwright-core');
        this.browser = await chromium.launch({ executablePath: this.executablePath, args: ARGS });
        this.version = this.browser.version();
    }

    async close() {
        if (this.browser) await this.browser.close();
    }

    // Waits until the chain is over: no new request for `quiet` ms (longer for delayed refreshes).
    async settle(server, quiet, limit = 20000) {
        const t0 = Date.now();
        let count = -1;
        let since = Date.now();
        while (Date.now() - t0 < limit) {
            const n = server.log.length;
            if (n !== count) {
                count = n;
                since = Date.now();
            } else if (Date.now() - since >= quiet) {
                return;
            }
            await sleep(50);
        }
    }

    async run(scenario, server) {
        const context = await this.browser.newContext();
        const result = { outcome: null, error: null };
        try {
            for (const [url, value] of scenario.presetCookies || []) {
                const p = await context.newPage();
                server.addPreset(new URL(url).pathname, value);
                await p.goto(url);
                await p.close();
            }
            result.cookiesBefore = await context.cookies();
            const page = await context.newPage();
            const s = scenario.start;
            if (s.from && s.kind !== 'typed') {
                await page.goto(s.from);  // the server moves to the chain phase once it has served it
                server.beginChain();
            }
            switch (s.kind) {
            case 'typed':
                server.beginChain();
                result.outcome = await page.goto(s.url).then((r) => ({ status: r && r.status(), url: page.url() }),
                    (e) => ({ error: e.message.split('\n')[0] }));
                break;
            case 'link':
                await page.click('#go');
                break;
            case 'form':
                await page.click('#submit');
                break;
            case 'script':
                // Playwright evaluates with a user gesture: see chromium-observed.md.
                await page.evaluate((u) => { location.href = u; }, s.url);
                break;
            case 'script-auto':
                break;  // the launcher navigates by itself
            case 'fetch':
                result.outcome = await page.evaluate(async (f) => {
                    const init = { method: f.method || 'GET', credentials: f.credentials || 'same-origin' };
                    if (f.headers) init.headers = f.headers;
                    if (f.body !== undefined) init.body = f.body;
                    if (f.mode) init.mode = f.mode;
                    try {
                        const r = await fetch(f.url, init);
                        await r.text();
                        return { status: r.status, url: r.url, type: r.type, redirected: r.redirected };
                    } catch (e) {
                        return { error: String(e) };
                    }
                }, s);
                break;
            default:
                throw new Error(`unknown start kind ${s.kind}`);
            }
            await this.settle(server, scenario.settleMs || 1000);
            result.finalUrl = page.url();
            result.cookiesAfter = await context.cookies();
        } catch (e) {
            result.error = e.message.split('\n')[0];
        } finally {
            await context.close();
        }
        return result;
    }
}

module.exports = { ChromiumDriver };
