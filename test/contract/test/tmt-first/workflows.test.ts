/**
 * TMT First's flow against Prism: pre-alert, follow the job to QUOTE SENT (the spec's getJob
 * example), answer the quote; and the dates of a job read with parseHttpDate.
 */
import { answerQuote, createTmtFirstClient, followJob, formatDateFilter, parseHttpDate, prealertAndWaitForQuote } from '@vendor-contracts/tmt-first';
import { describe, expect, it } from 'vitest';
import { recordingFetch, usePrism } from '../../src/harness.js';

const prism = usePrism('tmt-first');

function connect() {
  const recorded = recordingFetch();
  const client = createTmtFirstClient({ apiKey: 'contract-test-key', baseUrl: prism.baseUrl, fetch: recorded.fetch });
  return { client, calls: () => recorded.calls.map((c) => `${c.method} ${c.url.pathname} ${c.status}`), recorded };
}

describe('tmt-first workflows on Prism', () => {
  it('pre-alert → follow the job to QUOTE SENT → accept the quote', async () => {
    const { client, calls, recorded } = connect();
    const { connectId, job } = await prealertAndWaitForQuote(client, {
      customer_reference: '0-ref1',
      make: 'Samsung',
      job_description: 'Broken screen',
      ra_flag: 0,
      return_address: null,
    });
    expect(job.status).toBe('QUOTE SENT');
    expect(job.quote?.quote_price).toBe('123.94');
    const answer = await answerQuote(client, connectId, 'accept', { userName: 'John Doe' });
    expect(answer.status).toBe('QUOTE ACCEPTED');
    expect(calls()).toEqual(['POST /prealert 200', `GET /job/${connectId} 200`, 'POST /quote-response 200']);
    expect(recorded.calls[2]!.body).toEqual({ connect_id: connectId, status: 1, user_name: 'John Doe' });
  });

  it('followJob yields the first read; its dates parse strictly', async () => {
    const { client } = connect();
    const jobs = followJob(client, 12345, { maxAttempts: 1 });
    const first = await jobs.next();
    await jobs.return(undefined);
    expect(first.done).toBe(false);
    const job = first.value!;
    expect(parseHttpDate(job.date_in).toISOString()).toBe('2024-05-22T07:45:11.000Z');
    expect(formatDateFilter(parseHttpDate(job.date_in))).toBe('2024-05-22');
  });

  it('listDevices filtered from Dates', async () => {
    const { client, recorded } = connect();
    const devices = await client.listDevices({ header: { Status: 'Dispatched', start_date: formatDateFilter(new Date('2024-04-01T12:00:00Z')) } });
    expect(devices.map((d) => parseHttpDate(d.date_in).toISOString())).toEqual(['2024-04-23T09:30:00.000Z', '2024-04-23T09:30:00.000Z']);
    expect(recorded.calls[0]!.headers.get('start_date')).toBe('2024-04-01');
  });
});
