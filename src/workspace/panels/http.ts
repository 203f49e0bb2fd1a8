/**
 * HTTP tab: for a function with a URL, send an HTTP request (method, path, query, headers, body) to
 * it through the page's emulator and read the response (status, headers, body), as `curl` would
 * show it; Copy as curl gives the same request against the URL. The request goes to the URL's path
 * form on the page's own router, so Lambda's URL rules apply: the resource policy a NONE URL needs,
 * the signature an AWS_IAM URL wants, the payload format 2.0 event and the response mapping.
 */
import { GetFunctionUrlConfigCommand, type GetFunctionUrlConfigCommandOutput } from '@aws-sdk/client-lambda';
import { h, clear, field, select } from '../dom.ts';
import { describeError, type Ctx } from '../context.ts';
import { currentFunction, NO_FUNCTION_YET } from './function-bar.ts';
import { HTTP_METHODS, curlCommand, responseView, urlIdOf, urlRequest, type HttpForm } from '../http-request.ts';

export function httpPanel(ctx: Ctx): HTMLElement {
  const body = h('div', { class: 'wb-http', 'data-http': '' });
  const method = select(HTTP_METHODS, 'GET');
  method.setAttribute('data-http-method', '');
  const path = h('input', { type: 'text', value: '/', spellcheck: 'false', autocomplete: 'off', 'data-http-path': '' });
  const query = h('input', { type: 'text', value: '', placeholder: 'name=value&other=2', spellcheck: 'false', autocomplete: 'off', 'data-http-query': '' });
  const headers = h('textarea', { rows: 3, spellcheck: 'false', placeholder: 'Content-Type: application/json', 'data-http-headers': '' });
  const payload = h('textarea', { rows: 5, spellcheck: 'false', 'data-http-body': '' });
  const result = h('div', { class: 'wb-http-result', 'aria-live': 'polite', 'data-http-result': '' });
  const copied = h('span', { class: 'wb-muted', 'aria-live': 'polite' });
  const form = (): HttpForm => ({ method: method.value, path: path.value, query: query.value, headers: headers.value, body: payload.value });

  async function send(fn: string, url: GetFunctionUrlConfigCommandOutput, button: HTMLElement): Promise<void> {
    const id = urlIdOf(url.FunctionUrl ?? '');
    if (!id) return ctx.status(`${url.FunctionUrl} is not a function URL.`, 'error', button);
    const request = urlRequest(id, form());
    if ('error' in request) return ctx.status(request.error, 'error', headers);
    const response = await ctx.emu.route(request);
    const view = responseView(response);
    const heading = h('h3', { tabindex: -1 }, 'Response');
    clear(
      result,
      heading,
      h('p', { 'data-http-status': '' }, h('strong', {}, view.statusLine)),
      h(
        'table',
        { class: 'wb-summary', 'data-http-response-headers': '' },
        h('caption', { class: 'sr-only' }, 'Response headers'),
        h('tbody', {}, ...view.headers.map(([k, v]) => h('tr', {}, h('th', { scope: 'row' }, k), h('td', {}, v)))),
      ),
      h('h4', {}, 'Body'),
      h('pre', { class: 'wb-mono', 'data-http-response-body': '' }, view.body),
    );
    heading.focus({ preventScroll: true });
    // The invocation wrote logs and metrics: Monitor and the timeline follow.
    ctx.changed('logs');
    ctx.status(`${request.method} ${fn}'s URL: ${view.statusLine}.`, response.status < 400 ? 'success' : 'info');
  }

  function copyCurl(url: GetFunctionUrlConfigCommandOutput, code: HTMLElement): void {
    const line = curlCommand(url.FunctionUrl!, form(), url.AuthType ?? 'NONE', ctx.emu.service.region);
    code.textContent = line;
    void navigator.clipboard.writeText(line).then(
      () => (copied.textContent = 'Copied.'),
      () => {
        // No clipboard permission: select the command so the learner can copy it.
        getSelection()?.selectAllChildren(code);
        copied.textContent = 'Select and copy the command (Ctrl+C).';
      },
    );
  }

  async function render(): Promise<void> {
    const fn = currentFunction(ctx);
    if (!fn) return clear(body, h('p', {}, NO_FUNCTION_YET));
    let url: GetFunctionUrlConfigCommandOutput;
    try {
      url = await ctx.emu.lambda.send(new GetFunctionUrlConfigCommand({ FunctionName: fn }));
    } catch (e) {
      if ((e as Error).name !== 'ResourceNotFoundException') return clear(body, h('p', {}, describeError(e)));
      return clear(
        body,
        h('p', { 'data-http-no-url': '' }, `${fn} has no function URL. Create one in the Terminal tab, then come back:`),
        h('pre', { class: 'wb-mono' }, `aws lambda create-function-url-config --function-name ${fn} --auth-type NONE`),
      );
    }
    const code = h('code', {});
    const sendButton = h('button', { type: 'submit', class: 'wb-primary', 'data-action': 'send-http' }, 'Send');
    const requestForm = h(
      'form',
      {
        'aria-label': `HTTP request to ${fn}'s function URL`,
        onsubmit: (e: Event) => {
          e.preventDefault();
          void ctx.run('Sending the request', () => send(fn, url, sendButton), sendButton);
        },
      },
      h('div', { class: 'wb-row' }, field('Method', method), field('Path', path, 'After the URL, from /.')),
      field('Query string', query, 'Without the ?; the function receives it as rawQueryString and queryStringParameters.'),
      field('Headers', headers, 'One "Name: value" per line. Without a text Content-Type, Lambda sends the body base64-encoded.'),
      field('Body', payload, 'Not sent with GET or HEAD.'),
      h(
        'div',
        { class: 'wb-row' },
        sendButton,
        h('button', { type: 'button', 'data-action': 'copy-curl', onclick: () => copyCurl(url, code) }, 'Copy as curl'),
        copied,
      ),
    );
    clear(
      body,
      h('p', {}, 'Function URL: ', h('code', { 'data-http-url': '' }, url.FunctionUrl ?? ''), ` (auth type ${url.AuthType})`),
      url.AuthType === 'AWS_IAM'
        ? h('p', { class: 'wb-muted' }, 'An AWS_IAM URL wants a SigV4-signed request: the page sends it unsigned, so Lambda answers 403 Forbidden. Copy as curl signs it with your keys.')
        : null,
      requestForm,
      h('pre', { class: 'wb-mono wb-http-curl' }, code),
      result,
    );
  }

  // A URL made or changed elsewhere (the Terminal, the CLI) shows when the function list or its configuration changes.
  ctx.on('functions', () => void render().catch(() => undefined));
  ctx.on('config', () => void render().catch(() => undefined));
  // The Terminal makes URLs without telling the page: read the URL again each time the tab is shown.
  queueMicrotask(() => {
    const panel = body.closest<HTMLElement>('[data-panel]');
    if (!panel) return;
    new MutationObserver(() => {
      if (!panel.hidden) void render().catch(() => undefined);
    }).observe(panel, { attributes: true, attributeFilter: ['hidden'] });
  });
  void render().catch(() => undefined);
  return body;
}
