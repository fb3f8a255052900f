import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BOT_NODE_FLAGS } from '../../scripts/build-if-stale.js';

describe('the V8 flags of the bot', () => {
  it('are the same for npm start (scripts/build-if-stale.ts) and for App Service (package.json start:prod)', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };
    assert.equal(pkg.scripts['start:prod'], `node ${BOT_NODE_FLAGS.join(' ')} dist/index.js`);
  });
});
