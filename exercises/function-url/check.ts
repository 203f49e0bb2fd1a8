/**
 * Checks for "A function URL": hello-url has a URL with AuthType NONE and the two resource-policy
 * statements the console adds for it, answers through the URL with a payload format 2.0 response
 * (status, content-type, JSON body) that depends on the query string, and lets exactly one web
 * origin read it (CORS). The checks read the URL and the policy through the Lambda API and send
 * real HTTP requests to the URL, so they grade a real account as they grade the emulator.
 */
import { GetFunctionUrlConfigCommand, type GetFunctionUrlConfigCommandOutput } from '@aws-sdk/client-lambda';
import { conditionValue, functionPolicy, getFunction, isNotFound, show, type ResourceStatement } from '../../src/checks/lambda-reads.ts';
import type { CheckContext, ExerciseChecks, HttpAnswer, Verdict } from '../../src/checks/types.ts';
import { CheckFailure, Criteria } from '../../src/checks/verdict.ts';

export const functionBase = 'hello-url';
/** The one web origin the learner's page runs on: the only one CORS may let read the answers. */
export const allowedOrigin = 'https://www.example.com';
/** An origin that must not be let in. */
const otherOrigin = 'https://attacker.example.net';

const howToCreate = `Create it in the Lambda console: Create function, Author from scratch, Function name ${functionBase}, Runtime Node.js (or Python).`;

async function urlConfig(ctx: CheckContext, name: string, firstTask: boolean): Promise<GetFunctionUrlConfigCommandOutput> {
  try {
    return await ctx.lambda.send(new GetFunctionUrlConfigCommand({ FunctionName: name }));
  } catch (err) {
    if (!isNotFound(err)) throw err;
    const how = `aws lambda create-function-url-config --function-name ${name} --auth-type NONE`;
    throw new CheckFailure(firstTask ? `Expected a function URL on ${name}, found none. Create it in the Terminal: ${how}.` : `Create the function URL first (Task 1): ${name} has none.`, { expected: `a function URL on ${name}`, got: 'none' });
  }
}

const isPublic = (s: ResourceStatement): boolean => s.Principal === '*' || (typeof s.Principal === 'object' && s.Principal !== null && (s.Principal as Record<string, unknown>)['AWS'] === '*');
const actions = (s: ResourceStatement): string[] => (s.Action === undefined ? [] : Array.isArray(s.Action) ? s.Action : [s.Action]);
function describeAnswer(answer: HttpAnswer): string {
  return `${answer.status} with ${show(answer.body)}`;
}

async function createUrl(ctx: CheckContext): Promise<Verdict> {
  const name = ctx.name(functionBase);
  await getFunction(ctx, name, undefined, howToCreate);
  const url = await urlConfig(ctx, name, true);
  const c = new Criteria();
  c.add(1, url.AuthType === 'NONE', url.AuthType === 'NONE'
    ? `${name} has the function URL ${url.FunctionUrl} with AuthType NONE.`
    : `Expected the URL's AuthType to be NONE (public), found ${show(url.AuthType)}: an AWS_IAM URL answers only signed requests.`,
    { expected: 'AuthType NONE', got: show(url.AuthType) });
  const policy = await functionPolicy(ctx, name);
  const allow = policy.filter((s) => s.Effect === 'Allow' && isPublic(s));
  const viaUrl = allow.some((s) => actions(s).includes('lambda:InvokeFunctionUrl') && conditionValue(s, 'StringEquals', 'lambda:FunctionUrlAuthType') === 'NONE');
  c.add(1, viaUrl, viaUrl
    ? 'Its resource-based policy lets everyone (Principal *) call lambda:InvokeFunctionUrl when the URL\'s auth type is NONE.'
    : `Expected a statement in ${name}'s resource-based policy allowing Principal * the action lambda:InvokeFunctionUrl with the condition lambda:FunctionUrlAuthType = NONE, found ${policy.length === 0 ? 'no policy' : show(policy.map((s) => s.Sid ?? actions(s).join(',')))}.`,
    { expected: 'lambda:InvokeFunctionUrl for * when lambda:FunctionUrlAuthType is NONE', got: policy.length === 0 ? 'no policy' : show(policy.map((s) => s.Sid ?? actions(s).join(','))) });
  const invoke = allow.some((s) => actions(s).includes('lambda:InvokeFunction') && conditionValue(s, 'Bool', 'lambda:InvokedViaFunctionUrl') === 'true');
  c.add(1, invoke, invoke
    ? 'It also lets everyone call lambda:InvokeFunction through the URL only (lambda:InvokedViaFunctionUrl = true).'
    : `Expected a second statement allowing Principal * the action lambda:InvokeFunction with the condition lambda:InvokedViaFunctionUrl = true: since October 2025 a URL needs both.`,
    { expected: 'lambda:InvokeFunction for * when lambda:InvokedViaFunctionUrl is true', got: 'no such statement' });
  const answer = await ctx.request(url.FunctionUrl ?? '');
  c.add(1, answer.status !== 403, answer.status !== 403
    ? `A GET to the URL was let through (it answered ${answer.status}).`
    : `Expected a GET to the URL to reach the function, but it answered ${describeAnswer(answer)}.`,
    { expected: 'the URL reaching the function', got: describeAnswer(answer) });
  return c.verdict();
}

function jsonBody(answer: HttpAnswer): unknown {
  try {
    return JSON.parse(answer.body) as unknown;
  } catch {
    return undefined;
  }
}

async function httpResponse(ctx: CheckContext): Promise<Verdict> {
  const name = ctx.name(functionBase);
  await getFunction(ctx, name, undefined, howToCreate);
  const url = await urlConfig(ctx, name, false);
  const base = url.FunctionUrl ?? '';
  // A name nobody types, so a hard-coded greeting cannot pass.
  const who = `learner${ctx.randomHex(6)}`;
  const greeting = { message: `Hello, ${who}!` };
  const named = await ctx.request(`${base}?name=${who}`);
  const c = new Criteria();
  if (named.status === 403) throw new CheckFailure(`The URL refused the request (403): give it its resource-based policy first (Task 1).`, { expected: 'the URL reaching the function', got: describeAnswer(named) });
  c.add(1, named.status === 200, named.status === 200 ? `GET ?name=${who} answered 200.` : `Expected GET ?name=${who} to answer 200, got ${describeAnswer(named)}.`, { expected: `200 for ?name=${who}`, got: String(named.status) });
  const type = named.headers['content-type'] ?? '';
  c.add(1, /^application\/json\b/i.test(type), /^application\/json\b/i.test(type) ? 'Its Content-Type is application/json.' : `Expected the header Content-Type: application/json (set under headers in the response object), got ${show(type || 'none')}.`, { expected: 'Content-Type application/json', got: show(type || 'none') });
  const body = jsonBody(named);
  const same = JSON.stringify(body) === JSON.stringify(greeting);
  c.add(2, same, same ? `Its body is ${JSON.stringify(greeting)}.` : `Expected the body ${JSON.stringify(greeting)} (the name from the query string), got ${show(named.body)}.`, { expected: JSON.stringify(greeting), got: show(named.body) });
  const nameless = await ctx.request(base);
  c.add(1, nameless.status === 400, nameless.status === 400 ? 'Without ?name it answered 400.' : `Expected a GET without ?name to answer 400 (Bad Request), got ${describeAnswer(nameless)}.`, { expected: '400 without ?name', got: String(nameless.status) });
  return c.verdict();
}

async function cors(ctx: CheckContext): Promise<Verdict> {
  const name = ctx.name(functionBase);
  await getFunction(ctx, name, undefined, howToCreate);
  const url = await urlConfig(ctx, name, false);
  const settings = url.Cors;
  const origins = settings?.AllowOrigins ?? [];
  const c = new Criteria();
  const exact = origins.includes(allowedOrigin) && !origins.includes('*');
  if (!c.add(1, exact, exact
    ? `The URL's CORS allows the origin ${allowedOrigin}${origins.length > 1 ? ` (and ${origins.filter((o) => o !== allowedOrigin).join(', ')})` : ''}.`
    : origins.includes('*')
      ? `Expected AllowOrigins to name ${allowedOrigin}, found "*": every web page could read the answers.`
      : `Expected the URL's CORS settings to allow the origin ${allowedOrigin}, found ${settings === undefined ? 'no CORS settings' : `AllowOrigins ${show(origins)}`}. Set them with aws lambda update-function-url-config --cors.`,
    { expected: `AllowOrigins with ${allowedOrigin}`, got: settings === undefined ? 'no CORS settings' : show(origins) })) {
    return c.verdict();
  }
  const methods = settings?.AllowMethods ?? [];
  const get = methods.includes('GET') || methods.includes('*');
  c.add(1, get, get ? `It allows ${methods.join(', ')}.` : `Expected AllowMethods to include GET, found ${show(methods)}.`, { expected: 'AllowMethods with GET', got: show(methods) });
  const query = `?name=cors${ctx.randomHex(4)}`;
  const fromPage = await ctx.request(`${url.FunctionUrl ?? ''}${query}`, { headers: { origin: allowedOrigin } });
  const allowed = fromPage.headers['access-control-allow-origin'];
  c.add(1, allowed === allowedOrigin, allowed === allowedOrigin
    ? `A request from ${allowedOrigin} got Access-Control-Allow-Origin: ${allowed}.`
    : `Expected a request from ${allowedOrigin} to get Access-Control-Allow-Origin: ${allowedOrigin}, got ${show(allowed ?? 'none')} (status ${fromPage.status}).`,
    { expected: `Access-Control-Allow-Origin: ${allowedOrigin}`, got: show(allowed ?? 'none') });
  const fromElsewhere = await ctx.request(`${url.FunctionUrl ?? ''}${query}`, { headers: { origin: otherOrigin } });
  const leaked = fromElsewhere.headers['access-control-allow-origin'];
  c.add(1, leaked === undefined, leaked === undefined
    ? `A request from ${otherOrigin} got no Access-Control-Allow-Origin, so a browser keeps the answer from that page.`
    : `Expected a request from ${otherOrigin} to get no Access-Control-Allow-Origin, got ${show(leaked)}.`,
    { expected: `no Access-Control-Allow-Origin for ${otherOrigin}`, got: show(leaked) });
  return c.verdict();
}

export const checks: ExerciseChecks = {
  slug: 'function-url',
  questions: [],
  tasks: [
    { id: 'create-url', check: createUrl },
    { id: 'http-response', check: httpResponse },
    { id: 'cors', check: cors },
  ],
};
