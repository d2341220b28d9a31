// Accessibility checks with axe-core: WCAG 2.0 and 2.1, levels A and AA.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe on the page as it is now and fails with each violation and where it is. The source is
 * evaluated through the browser's debugging protocol, which the app's Content-Security-Policy
 * does not govern, so the policy need not allow it.
 */
export async function expectAccessible(page, screen) {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((violation) => ({
      rule: violation.id,
      impact: violation.impact,
      where: violation.nodes.map((node) => node.target.join(' ')),
    }));
  });
  assert.deepEqual(violations, [], `axe-core found WCAG 2 A/AA violations on ${screen}`);
}
