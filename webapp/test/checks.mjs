// What the browser tests share: Debian's chromium through playwright-core (CHROMIUM or
// /usr/bin/chromium), each check printed as it is made, and the exit code from the failures.
import { chromium } from 'playwright-core';

const failures = [];

export function check(ok, what) {
  console.log((ok ? 'ok   ' : 'FAIL ') + what);
  if (!ok) failures.push(what);
}

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
}

/** Exits 1 when a check failed, else says all passed. */
export function finish() {
  if (failures.length) {
    console.log(failures.length + ' check(s) failed');
    process.exit(1);
  }
  console.log('all checks passed');
}
