import assert from 'node:assert/strict';
import { connectionStringValues } from '../../src/store/connection-string.js';

describe('store: a storage connection string, read as the SDK reads it', () => {
  it('matches keys in any case, keeps what follows the first "=" and takes the first of a repeated key', () => {
    const value = connectionStringValues(' defaultendpointsprotocol=https; AccountName=acc;ACCOUNTKEY=a2V5==;AccountName=other;');
    assert.equal(value('DefaultEndpointsProtocol'), 'https');
    assert.equal(value('AccountKey'), 'a2V5==');
    assert.equal(value('AccountName'), 'acc');
    assert.equal(value('TableEndpoint'), '');
  });

  it('reads UseDevelopmentStorage=true as Azurite\'s development account on its default ports', () => {
    const value = connectionStringValues('UseDevelopmentStorage=true');
    assert.equal(value('AccountName'), 'devstoreaccount1');
    assert.equal(value('TableEndpoint'), 'http://127.0.0.1:10002/devstoreaccount1');
    assert.equal(value('DefaultEndpointsProtocol'), 'http');
  });
});
