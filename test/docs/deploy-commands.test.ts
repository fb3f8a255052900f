import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../bot/process.js';
import { PsSyntaxError, expand, parseOpath, readDoubleQuoted, scanCode } from './powershell.js';

const doc = readFileSync(join(ROOT, 'docs/DEPLOY.md'), 'utf8');

/** The fenced code blocks of the page, de-indented (blocks inside list items are indented). */
const blocks = [...doc.matchAll(/^( *)```(\w*)\n([\s\S]*?)^\1```$/gm)].map((m) => ({
  lang: m[2] ?? '',
  code: (m[3] ?? '')
    .split('\n')
    .map((line) => line.slice((m[1] ?? '').length))
    .join('\n'),
}));
const byLang = (lang: string): string[] => blocks.filter((b) => b.lang === lang).map((b) => b.code);
/** A placeholder such as <web app name>: a redirection in sh, a reserved operator in PowerShell. */
const PLACEHOLDER = /(^|[\s=])<[A-Za-z]/m;

/** A distinguished name of a group whose name has an apostrophe, as Exchange Online gives it. */
const DN_WITH_APOSTROPHE = "CN=Weerbaar agenda's,OU=gemeente.onmicrosoft.com,OU=Microsoft Exchange Hosted Organizations,DC=EURPR05A001,DC=PROD,DC=OUTLOOK,DC=COM";

describe('docs/DEPLOY.md: the commands are valid as written', () => {
  it('has shell, PowerShell and JSON blocks to check', () => {
    assert.ok(byLang('sh').length >= 5, 'sh blocks');
    assert.ok(byLang('powershell').length >= 3, 'PowerShell blocks');
    assert.ok(byLang('json').length >= 3, 'JSON blocks');
    assert.deepEqual([...new Set(blocks.map((b) => b.lang))].sort(), ['json', 'powershell', 'sh', 'text']);
  });

  it('every sh block parses (bash -n) and has no <placeholder>', () => {
    for (const code of byLang('sh')) {
      execFileSync('bash', ['-n'], { input: code });
      assert.doesNotMatch(code, PLACEHOLDER, code);
    }
  });

  it('every JSON block is JSON', () => {
    for (const code of byLang('json')) assert.doesNotThrow(() => JSON.parse(code) as unknown, code);
  });

  it('every PowerShell block has balanced quotes and parentheses, no <placeholder>, and sets each variable it uses', () => {
    for (const code of byLang('powershell')) {
      const scanned = scanCode(code);
      assert.doesNotMatch(scanned.code, PLACEHOLDER, code);
      for (const line of code.split('\n')) assert.ok(!/`\s+$/.test(line), `a line continuation is the last character: ${line}`);
      const assigned = new Set([...scanned.code.matchAll(/^\s*\$(\w+)\s*=/gm)].map((m) => m[1]));
      const used = [...scanned.code.matchAll(/\$(\w+)/g), ...JSON.stringify(scanned.strings).matchAll(/"variable":"(\w+)"|\$(\w+)/g)]
        .map((m) => m[1] ?? m[2] ?? '')
        .filter((v) => !['true', 'false', 'null', '_'].includes(v));
      for (const v of used) assert.ok(assigned.has(v), `$${v} is set in the same block:\n${code}`);
    }
  });

  it('the scanner catches what it is there for (the check can fail)', () => {
    assert.throws(() => scanCode('New-ManagementScope -Name "Weerbaar -RecipientRestrictionFilter x'), PsSyntaxError);
    assert.throws(() => scanCode("Get-Group -Identity 'Weerbaar"), PsSyntaxError);
    assert.throws(() => scanCode('$x = "a $(b"'), PsSyntaxError);
    assert.match(scanCode('az webapp deploy --name <web app name>').code, PLACEHOLDER);
    assert.doesNotThrow(() => scanCode(`$a = "it''s" + 'it''s' + "say ""hi"" and \`"hi\`""`));
  });
});

describe('docs/DEPLOY.md, step 4: uploading the people file', () => {
  it('the sh commands take the web app and its resource group from the env file', () => {
    const code = byLang('sh').find((c) => c.includes('az webapp deploy'));
    assert.ok(code);
    const dir = mkdtempSync(join(tmpdir(), 'weerbaar-doc-'));
    try {
      mkdirSync(join(dir, 'env'));
      writeFileSync(
        join(dir, 'env/.env.dev'),
        'TEAMSFX_ENV=dev\nBOT_AZURE_APP_SERVICE_RESOURCE_ID=/subscriptions/0000/resourceGroups/rg-weerbaar/providers/Microsoft.Web/sites/app-weerbaarnijmegen-abc\n',
      );
      const out = execFileSync('bash', ['-c', `az() { echo "az $*"; }\n${code}`], { cwd: dir, encoding: 'utf8' });
      assert.deepEqual(out.trim().split('\n'), [
        'az webapp deploy --resource-group rg-weerbaar --name app-weerbaarnijmegen-abc --src-path people.json --type static --target-path /home/site/weerbaar/people.json',
        'az webapp restart --resource-group rg-weerbaar --name app-weerbaarnijmegen-abc',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the PowerShell commands pick the same two parts of the resource id', () => {
    const code = byLang('powershell').find((c) => c.includes('az webapp deploy')) ?? '';
    assert.match(code, /\.Split\('\/'\)/);
    const parts = '/subscriptions/0000/resourceGroups/rg-weerbaar/providers/Microsoft.Web/sites/app-x'.split('/');
    assert.match(code, /--resource-group \$app\[4\] --name \$app\[8\]/);
    assert.deepEqual([parts[4], parts[8]], ['rg-weerbaar', 'app-x']);
  });
});

describe('docs/DEPLOY.md, step 5: the Exchange management scope', () => {
  const exchange = byLang('powershell').find((c) => c.includes('New-ManagementScope')) ?? '';
  const line = exchange.split('\n').find((l) => l.startsWith('New-ManagementScope')) ?? '';
  const at = line.indexOf('-RecipientRestrictionFilter "');
  const filterParts = readDoubleQuoted(line, at + '-RecipientRestrictionFilter '.length).parts;

  it('gives Exchange a filter that parses, also when the group\'s name holds an apostrophe', () => {
    assert.ok(at > 0, line);
    for (const dn of [DN_WITH_APOSTROPHE, 'CN=Weerbaar-agenda,OU=gemeente.onmicrosoft.com,DC=PROD,DC=OUTLOOK,DC=COM']) {
      const filter = expand(filterParts, { group: { DistinguishedName: dn } });
      assert.deepEqual(parseOpath(filter), [{ property: 'MemberOfGroup', operator: '-eq', value: dn }], filter);
    }
  });

  it('the filter the review found, \'$dn\' in quotes, breaks on that apostrophe (the check can fail)', () => {
    const old = readDoubleQuoted(`"MemberOfGroup -eq '$dn'"`, 0).parts;
    assert.throws(() => parseOpath(expand(old, { dn: DN_WITH_APOSTROPHE })), PsSyntaxError);
  });

  it('names the group and the scope the way step 1 and the role assignment do', () => {
    assert.match(exchange, /Get-Group -Identity "Weerbaar-agenda"/);
    assert.match(exchange, /New-ManagementScope -Name "Weerbaar-agenda"/);
    assert.match(exchange, /-CustomResourceScope "Weerbaar-agenda"/);
    assert.match(doc, /mail-enabled security group\*\* named \*\*Weerbaar-agenda\*\*/);
  });
});
